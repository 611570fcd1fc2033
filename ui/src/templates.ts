// Integration templates as the wizard uses them. The types are the generated ones (psa-core's
// templates/types.rs); this module adds the few derived facts the screens share, and the one built-in
// template used only when the app cannot list its own.
import type {
  Access,
  Extra,
  GuideStep,
  PermissionRow,
  Psa,
  Template,
  TemplateSummary,
} from "./bindings.gen";

export type { Access, Extra, GuideStep, PermissionRow, Template, TemplateSummary };

export const CUSTOM_TEMPLATE_ID = "custom";

const SECURITY_LEVELS_MENU = "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels";
const NEW_API_USER_MENU =
  "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User";

/**
 * Stand-in for the Custom template when `templates_list` fails. Deliberately small: the real templates live
 * in psa-core's data files, and the UI says when it is showing this one instead.
 */
export const BUILTIN_CUSTOM: Template = {
  id: CUSTOM_TEMPLATE_ID,
  name: "Custom integration",
  vendor: "Your own integration",
  description: "An API user with the Custom (Internal Integration) tracking identifier, for your own tools.",
  guideFile: "",
  filters: true,
  settings: [],
  notes: [],
  vendorFilters: [],
  autotask: {
    securityLevel: { startFrom: "API User (system)", changes: [] },
    trackingIdentifier: { kind: "custom" },
    permissionsStep: "security_level",
    steps: [
      {
        id: "security_level",
        title: "Choose or copy a security level",
        menuPath: SECURITY_LEVELS_MENU,
        detail: "API User (system) works for most integrations.",
        adminPage: "security_levels",
      },
      {
        id: "new_api_user",
        title: "Create a new API user",
        menuPath: NEW_API_USER_MENU,
        detail: "Fill in the required fields and pick the security level.",
        adminPage: "resources",
      },
      {
        id: "credentials",
        title: "Create the username and secret",
        menuPath: "New API User > Credentials",
        detail: "Generate Key and Generate Secret, then copy both.",
      },
      {
        id: "tracking_identifier",
        title: "Choose Custom (Internal Integration)",
        menuPath: "New API User > API Tracking Identifier > Custom (Internal Integration)",
        detail: "After saving, copy the tracking identifier Autotask shows. It cannot be changed later.",
      },
    ],
    permissions: [
      {
        entity: "Companies",
        label: "CRM > Organizations",
        read: "required",
        create: "optional",
        update: "optional",
        delete: "optional",
      },
      {
        entity: "Contacts",
        label: "CRM > Contacts",
        read: "required",
        create: "optional",
        update: "optional",
        delete: "optional",
      },
    ],
    extras: [],
  },
};

const BUILTIN_SUMMARY: TemplateSummary = {
  id: BUILTIN_CUSTOM.id,
  name: BUILTIN_CUSTOM.name,
  vendor: BUILTIN_CUSTOM.vendor,
  psas: ["autotask"],
  description: BUILTIN_CUSTOM.description,
};

/** What step 1 offers when the app's list is unusable. */
export const FALLBACK_SUMMARIES: TemplateSummary[] = [BUILTIN_SUMMARY];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Keeps the well-formed entries of what `templates_list` returned; one bad entry must not hide the rest. */
export function normaliseSummaries(raw: unknown): TemplateSummary[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t): TemplateSummary[] => {
    if (!isObj(t) || typeof t.id !== "string" || t.id === "") return [];
    return [
      {
        id: t.id,
        name: typeof t.name === "string" && t.name !== "" ? t.name : t.id,
        vendor: typeof t.vendor === "string" ? t.vendor : "",
        psas: Array.isArray(t.psas) ? t.psas.filter((p): p is Psa => p === "autotask" || p === "connectwise") : [],
        description: typeof t.description === "string" ? t.description : "",
      },
    ];
  });
}

export const supportsPsa = (t: TemplateSummary, psa: Psa): boolean => t.psas.includes(psa);

/** The checklist of step 2 (empty for a template without an Autotask setup). */
export function autotaskSteps(t: Template | null): GuideStep[] {
  return t?.autotask?.steps ?? [];
}

/** The checklist of step 2 for ConnectWise: creating the API member and its keys. */
export function cwSteps(t: Template | null): GuideStep[] {
  return t?.connectwise?.apiMemberSteps ?? [];
}

/** The vendor's registered clientId when the template carries one. */
export function cwClientId(t: Template | null): string | undefined {
  const id = t?.connectwise?.clientId;
  return id && id.trim() !== "" ? id : undefined;
}

/** The vendor's integration code when a vendor pack supplies it; otherwise the vendor's pack or setup link is
 * needed (only Custom asks the partner for an identifier, their own). */
export function templateCode(t: Template | null): string | undefined {
  const code = t?.autotask?.trackingIdentifier.code;
  return code && code.trim() !== "" ? code : undefined;
}

/** One line of the "what this integration will be able to do" panel. */
export interface Capability {
  entity: string;
  label: string;
  read: boolean;
  /** Create or update is required. */
  write: boolean;
  /** Delete is required; "optional" counts as not needed, "forbidden" as never. */
  delete: boolean;
  neverDelete: boolean;
}

/** What the integration needs, from the permission table: only "required" access counts. */
export function capabilities(t: Template | null): Capability[] {
  return (t?.autotask?.permissions ?? []).map((p) => ({
    entity: p.entity,
    label: p.label,
    read: p.read === "required",
    write: p.create === "required" || p.update === "required",
    delete: p.delete === "required",
    neverDelete: p.delete === "forbidden",
  }));
}

/** Extras the API cannot verify: the checklist says so. */
export const isManualCheck = (e: Extra): e is Extract<Extra, { kind: "manual_check" }> => e.kind === "manual_check";
