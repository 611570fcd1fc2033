// Integration templates as the wizard needs them.
//
// TEMPORARY: these interfaces stand in for the `TemplateSummary` / `Template` types that issue 5 will add to
// bindings.gen.ts (generated from Rust). When they land, import them from "./bindings.gen" instead, keep
// `normaliseTemplate` as the one place that tolerates missing fields, and drop what the generated type covers.
import type { Psa } from "./bindings.gen";

export const CUSTOM_TEMPLATE_ID = "custom";

export interface TemplateSummary {
  id: string;
  name: string;
  psa: Psa;
  summary?: string;
  /** True when the partner types the tracking identifier themselves (Custom (Internal Integration)). */
  customIntegrationCode?: boolean;
}

export interface TemplateStep {
  title: string;
  /** Where the screen is in Autotask, e.g. "Admin > Account Settings & Users > Resources/Users (HR)". */
  menuPath?: string;
  detail?: string;
}

export type Access = "view" | "add" | "edit" | "delete";

export interface PermissionRow {
  entity: string;
  /** Which access the integration needs. */
  access: Access[];
  note?: string;
}

export interface TrackingIdentifier {
  /** "vendor": pick the vendor's entry under Integration Vendor; "custom": Custom (Internal Integration). */
  kind: "vendor" | "custom";
  vendorName?: string;
}

export interface Template extends TemplateSummary {
  steps: TemplateStep[];
  permissions: PermissionRow[];
  trackingIdentifier?: TrackingIdentifier;
  /** The code sent as ApiIntegrationCode when the vendor's identifier is embedded in the template. */
  integrationCode?: string;
  securityLevel?: { startFrom: string; changes: string[] };
  /** Path on the partner's Autotask web host to open from step 2; the web host's root when absent. */
  adminPath?: string;
  filtersApply?: boolean;
}

const RESOURCES_MENU = "Admin > Account Settings & Users > Resources/Users (HR)";

/** Generic steps for any Autotask API user, used by Custom and whenever a template has none. */
export const BUILTIN_AUTOTASK_STEPS: TemplateStep[] = [
  {
    title: "Log into Autotask with an account that has administrator rights.",
    detail: "Only administrators can create API users and security levels.",
  },
  {
    title: "Make a security level for the integration (optional but recommended).",
    menuPath: `${RESOURCES_MENU} > Security > Security Levels`,
    detail:
      "Open the menu beside “API User (system)” and choose Copy. Give the copy a name you will recognise later, such as “Integration API user”.",
  },
  {
    title: "Allow the security level to use the API and give it the access listed below.",
    menuPath: `${RESOURCES_MENU} > Security > Security Levels > (your copy) > Web Services API`,
    detail:
      "Tick “Can login to Web Services API”. Under the other sections, grant only what the table below asks for, then Save & Close.",
  },
  {
    title: "Create the API user.",
    menuPath: `${RESOURCES_MENU} > Resources/Users > New (arrow) > New API User`,
    detail:
      "Fill in first name, last name and an e-mail address, and choose the security level from the previous step.",
  },
  {
    title: "Set the username and generate a secret.",
    menuPath: "New API User > Credentials",
    detail:
      "Type a username in e-mail form that carries your company's domain (for example api-sync@yourcompany.com). Click Generate Secret and copy both values somewhere safe for the next steps.",
  },
  {
    title: "Choose the API tracking identifier.",
    menuPath: "New API User > API Tracking Identifier",
    detail: "Pick the entry named below. Autotask doesn't let you change it once the user is saved.",
  },
  {
    title: "Save & Close the API user.",
    detail: "If Autotask asks for more required fields, fill them in and save again.",
  },
];

/** Built-in Custom template: offered when the app has no template list, and the base for any template. */
export const BUILTIN_CUSTOM: Template = {
  id: CUSTOM_TEMPLATE_ID,
  name: "Custom",
  psa: "autotask",
  summary: "Your own integration, with the tracking identifier Autotask makes for you.",
  customIntegrationCode: true,
  steps: BUILTIN_AUTOTASK_STEPS,
  permissions: [
    { entity: "Companies (CRM > Accounts)", access: ["view"] },
    { entity: "Contacts (CRM > Contacts)", access: ["view"] },
  ],
  trackingIdentifier: { kind: "custom" },
  securityLevel: {
    startFrom: "API User (system)",
    changes: ["Keep “Can login to Web Services API” ticked", "Remove access the integration does not need"],
  },
  filtersApply: true,
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

function toSteps(v: unknown): TemplateStep[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s): TemplateStep[] => {
    if (typeof s === "string") return [{ title: s }];
    if (!isObj(s)) return [];
    const title = str(s.title) ?? str(s.text) ?? str(s.name);
    if (!title) return [];
    return [{ title, menuPath: str(s.menuPath), detail: str(s.detail) ?? str(s.description) }];
  });
}

const ACCESSES: Access[] = ["view", "add", "edit", "delete"];

function toPermissions(v: unknown): PermissionRow[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((p): PermissionRow[] => {
    if (!isObj(p)) return [];
    const entity = str(p.entity) ?? str(p.name);
    if (!entity) return [];
    const listed = Array.isArray(p.access) ? p.access : ACCESSES.filter((a) => p[a] === true);
    const access = ACCESSES.filter((a) => listed.includes(a));
    return [{ entity, access, note: str(p.note) }];
  });
}

/** Accepts whatever `template_get` returned (the Rust type is still moving) and fills the gaps. */
export function normaliseTemplate(raw: unknown): Template {
  if (!isObj(raw) || !str(raw.id)) return BUILTIN_CUSTOM;
  const id = raw.id as string;
  const custom = raw.customIntegrationCode === true || id === CUSTOM_TEMPLATE_ID;
  const steps = toSteps(raw.steps);
  const permissions = toPermissions(raw.permissions);
  const tracking = isObj(raw.trackingIdentifier)
    ? {
        kind: raw.trackingIdentifier.kind === "vendor" ? ("vendor" as const) : ("custom" as const),
        vendorName: str(raw.trackingIdentifier.vendorName),
      }
    : custom
      ? { kind: "custom" as const }
      : undefined;
  return {
    id,
    name: str(raw.name) ?? id,
    psa: raw.psa === "connectwise" ? "connectwise" : "autotask",
    summary: str(raw.summary),
    customIntegrationCode: custom,
    steps: steps.length > 0 ? steps : BUILTIN_AUTOTASK_STEPS,
    permissions: permissions.length > 0 ? permissions : custom ? BUILTIN_CUSTOM.permissions : [],
    trackingIdentifier: tracking,
    integrationCode: str(raw.integrationCode),
    securityLevel: isObj(raw.securityLevel)
      ? {
          startFrom: str(raw.securityLevel.startFrom) ?? "API User (system)",
          changes: Array.isArray(raw.securityLevel.changes)
            ? raw.securityLevel.changes.filter((c): c is string => typeof c === "string")
            : [],
        }
      : custom
        ? BUILTIN_CUSTOM.securityLevel
        : undefined,
    adminPath: str(raw.adminPath),
    filtersApply: raw.filtersApply !== false,
  };
}

export function normaliseSummaries(raw: unknown): TemplateSummary[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t): TemplateSummary[] => {
    if (!isObj(t) || !str(t.id)) return [];
    return [
      {
        id: t.id as string,
        name: str(t.name) ?? (t.id as string),
        psa: t.psa === "connectwise" ? "connectwise" : "autotask",
        summary: str(t.summary),
        customIntegrationCode: t.customIntegrationCode === true || t.id === CUSTOM_TEMPLATE_ID,
      },
    ];
  });
}

/** Whether the partner types the tracking identifier: Custom, or a template that carries no code. */
export function needsIntegrationCode(t: Template | null): boolean {
  if (!t) return true;
  return t.customIntegrationCode === true || !t.integrationCode;
}
