// The one module that talks to the Rust side. Every wrapper matches a command in src-tauri/src/commands/ (its
// argument names in camelCase) and every failure comes back as a PsaError, whatever shape the rejection had.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  AutotaskCredentials,
  AutotaskZone,
  CheckItem,
  CheckReport,
  ConnectwiseCredentials,
  ConnectwiseSite,
  ErrorCode,
  FilterSet,
  PackStatus,
  Preview,
  PsaError,
  Template,
  TemplateSummary,
} from "./bindings.gen";
import type { ImportOptions, ImportReport, Profile, ProfileInput, ProfileWarning } from "./bindings.gen";
import type { PortalCopied, PortalFacts, PortalValue, PortalView, Psa } from "./bindings.gen";
import type { RecheckEvent, RecheckSummary } from "./bindings.gen";

const KNOWN_FIELDS = ["code", "message", "fix"] as const;

export function isPsaError(value: unknown): value is PsaError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return KNOWN_FIELDS.every((k) => typeof v[k] === "string");
}

/** Turns anything a command rejected with (or a JS exception) into a PsaError. */
export function toPsaError(raw: unknown): PsaError {
  if (isPsaError(raw)) return raw;
  const text =
    typeof raw === "string" ? raw : raw instanceof Error ? raw.message : safeJson(raw);
  return {
    code: "internal" as ErrorCode,
    message: "Something unexpected went wrong inside PSA Connect.",
    fix: "Try again. If it keeps happening, open “Details for support” and send the text to your support contact.",
    details: text,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toPsaError(e);
  }
}

/** A fresh id for an operation that can be cancelled with `cancelOperation`. */
export function newOpId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const appReady = (uiMs: number) => call<void>("app_ready", { uiMs });
// What the app is and which templates it carries are fixed while it runs, and several screens ask at start-up:
// one request each, shared; a failed request is forgotten so the next caller asks again.
let appInfoOnce: Promise<AppInfo> | null = null;
let templatesOnce: Promise<TemplateSummary[]> | null = null;
let packOnce: Promise<PackStatus> | null = null;

/** Whose vendor pack is in use, or why the one found was refused. A failed request counts as "no pack". */
export function packStatus(): Promise<PackStatus> {
  packOnce ??= call<PackStatus>("pack_status").catch(() => {
    packOnce = null;
    return {};
  });
  return packOnce;
}

export function appInfo(): Promise<AppInfo> {
  appInfoOnce ??= call<AppInfo>("app_info").catch((e) => {
    appInfoOnce = null;
    throw e;
  });
  return appInfoOnce;
}

/** The answers the app put in the page before its script ran (src-tauri/src/startup.rs); each is used once. */
interface StartupAnswers {
  templates?: TemplateSummary[];
  profiles?: Profile[] | null;
}

function takeStartupAnswer<K extends keyof StartupAnswers>(key: K): StartupAnswers[K] | undefined {
  const answers = (globalThis as { __PSA_STARTUP__?: StartupAnswers }).__PSA_STARTUP__;
  if (!answers) return undefined;
  const value = answers[key];
  delete answers[key];
  return value ?? undefined;
}

export function templatesList(): Promise<TemplateSummary[]> {
  const given = takeStartupAnswer("templates");
  if (given && !templatesOnce) templatesOnce = Promise.resolve(given);
  templatesOnce ??= call<TemplateSummary[]>("templates_list").catch((e) => {
    templatesOnce = null;
    throw e;
  });
  return templatesOnce;
}

/** A fresh app run in the UI tests: nothing remembered from the previous one. */
export function forgetStartupAnswers(): void {
  appInfoOnce = null;
  templatesOnce = null;
  packOnce = null;
}
export const templateGet = (id: string) => call<Template>("template_get", { id });

export const detectZone = (username: string, opId: string) =>
  call<AutotaskZone>("autotask_detect_zone", { username, opId });
export const parseZone = (input: string) => call<AutotaskZone>("autotask_parse_zone", { input });

/** The only call that carries the secret. The caller must drop its copy as soon as this returns. */
export const setCredentials = (credentials: AutotaskCredentials) =>
  call<void>("autotask_set_credentials", { credentials });

export function runCheck(
  zone: AutotaskZone | null,
  templateId: string | null,
  opId: string,
  onItem: (item: CheckItem) => void,
): Promise<CheckReport> {
  const channel = new Channel<CheckItem>(onItem);
  return call<CheckReport>("autotask_check", { zone, templateId, opId, onItem: channel });
}

export const preview = (zone: AutotaskZone, filters: FilterSet, opId: string) =>
  call<Preview>("autotask_preview", { zone, filters, opId });

// ---- ConnectWise: the same flow, through its own commands -------------------------------------------

export const cwDetectSite = (site: string, companyId: string, opId: string) =>
  call<ConnectwiseSite>("connectwise_detect_site", { site, companyId, opId });

/** The only ConnectWise call that carries the private key. The caller drops its copy when this returns. */
export const cwSetCredentials = (credentials: ConnectwiseCredentials) =>
  call<void>("connectwise_set_credentials", { credentials });

export function cwRunCheck(
  site: string,
  siteKnown: ConnectwiseSite | null,
  templateId: string | null,
  opId: string,
  onItem: (item: CheckItem) => void,
): Promise<CheckReport> {
  const channel = new Channel<CheckItem>(onItem);
  return call<CheckReport>("connectwise_check", { site, siteKnown, templateId, opId, onItem: channel });
}

export const cwPreview = (site: ConnectwiseSite, filters: FilterSet, opId: string) =>
  call<Preview>("connectwise_preview", { site, filters, opId });

export const cancelOperation = (opId: string) => call<void>("cancel_operation", { opId });
export const sessionClear = () => call<void>("session_clear");
export const openExternal = (url: string) => call<void>("open_external", { url });

// ---- saved connection profiles (the secret never crosses here: saving uses the session's copy) ----------

/** `profile_save`'s answer (an app-crate type, not generated). */
export interface ProfileSaved {
  profile: Profile;
  warnings: ProfileWarning[];
}

/** `profile_recheck`'s answer (an app-crate type, not generated). */
export interface ProfileRechecked {
  profile: Profile;
  report: CheckReport;
}

export const keychainStatus = () => call<void>("keychain_status");
/** The first call may be answered by the start-up answers (no IPC); every later one asks the app. */
export function profilesList(): Promise<Profile[]> {
  const given = takeStartupAnswer("profiles");
  return given ? Promise.resolve(given) : call<Profile[]>("profiles_list");
}
export const profileGet = (idOrName: string) => call<Profile>("profile_get", { idOrName });
/** `force`: save although the test did not pass. `overwrite`: replace the profile of that name (editing it). */
export const profileSave = (profile: ProfileInput, opts: { force?: boolean; overwrite?: boolean } = {}) =>
  call<ProfileSaved>("profile_save", { profile, force: opts.force ?? false, overwrite: opts.overwrite ?? false });
export const profileDelete = (id: string) => call<Profile>("profile_delete", { id });
export const profileDuplicate = (id: string, newName: string) =>
  call<Profile>("profile_duplicate", { id, newName });
export const profileRename = (id: string, newName: string) => call<Profile>("profile_rename", { id, newName });
/** Puts the profile's secret (from the keychain) into the session; returns the profile, never the secret. */
export const profileOpen = (id: string) => call<Profile>("profile_open", { id });

export function profileRecheck(
  id: string,
  opId: string,
  onItem: (item: CheckItem) => void,
): Promise<ProfileRechecked> {
  const channel = new Channel<CheckItem>(onItem);
  return call<ProfileRechecked>("profile_recheck", { id, opId, onItem: channel });
}

/** "Re-test all": every saved connection, results as they come, the summary last. Cancel with `opId`. */
export function profilesRecheckAll(opId: string, onEvent: (e: RecheckEvent) => void): Promise<RecheckSummary> {
  const channel = new Channel<RecheckEvent>(onEvent);
  return call<RecheckSummary>("profiles_recheck_all", { opId, onEvent: channel });
}

// ---- export and import (files hold no secret) --------------------------------------------------------

/** `profiles_export`'s answer (an app-crate type, not generated). */
export interface ExportWritten {
  path: string;
  count: number;
}

/** Writes one profile (`id`) or all of them to a new file in the Downloads folder. */
export const profilesExport = (id: string | null = null) => call<ExportWritten>("profiles_export", { id });
export const profilesImport = (text: string, options: ImportOptions) =>
  call<ImportReport>("profiles_import", { text, options });
export const revealPath = (path: string) => call<void>("reveal_path", { path });

// ---- the vendor-portal step ------------------------------------------------------------------------
// Values are composed and copied on the Rust side; a value holding the secret never comes back here.

export const portalView = (templateId: string, psa: Psa, facts: PortalFacts) =>
  call<PortalView>("portal_view", { templateId, psa, facts });
export const portalCopy = (templateId: string, psa: Psa, value: PortalValue, facts: PortalFacts) =>
  call<PortalCopied>("portal_copy", { templateId, psa, value, facts });
