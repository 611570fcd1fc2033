// Generated from the #[tauri::command] functions in src-tauri/src/commands/ and the events in
// src-tauri/src/events.rs by src-tauri/tests/commands_ts/. Do not edit: refresh with
// UPDATE_COMMANDS=1 cargo test --workspace --locked --features psa-connect-app/custom-protocol --test commands_ts
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppInfo, AutotaskCredentials, AutotaskZone, CheckItem, CheckReport, ConnectwiseCredentials, ConnectwiseSite, DiagnosticReport, FilterSet, HandoffDraft, HandoffOpened, ImportOptions, ImportReport, PackStatus, PortalCopied, PortalValue, PortalView, Preview, Profile, ProfileInput, ProfileWarning, PsaError, RecheckEvent, RecheckSummary, Template, TemplateSummary, WizardStep } from "./bindings.gen";
import { toPsaError } from "./psaError";

/** Every command goes through here: whatever it rejects with reaches the caller as a PsaError. */
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toPsaError(e);
  }
}

/** Every event subscription goes through here; a refused subscription is a PsaError too. */
async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch (e) {
    throw toPsaError(e);
  }
}

// ---- answer types of the app crate (src-tauri/src/commands/) ----

export type ProfileSaved = { profile: Profile, warnings: Array<ProfileWarning>, };

export type ProfileRechecked = { profile: Profile, report: CheckReport, };

export type ExportWritten = { path: string, count: number, };

export type HandoffCreated = { 
/**
 * The file's contents.
 */
document: string, link: string, draft: HandoffDraft, 
/**
 * Where the file was written, when `save` was asked for.
 */
path?: string, };

export type Diagnosis = { report: DiagnosticReport, text: string, };

export type StartupAnswers = { 
/**
 * What `templates_list` would answer.
 */
templates: Array<TemplateSummary>, 
/**
 * What `profiles_list` would answer; `null` when the list cannot be read.
 */
profiles: Array<Profile> | null, 
/**
 * Why the list could not be read, when it could not. A damaged file is moved aside as it is read, so
 * this is the one answer that says where it went: the page's own request then finds an empty list.
 */
profilesError: PsaError | null, 
/**
 * What `app_info` would answer (the header's demo-mode note).
 */
app: AppInfo, 
/**
 * What `pack_status` would answer (step 1's vendor note; the pack cannot change while the app runs).
 */
pack: PackStatus, 
/**
 * The hand-off the app was started with, checked, or `null`: given to the page only here, once.
 */
handoff: HandoffOpened | null, 
/**
 * Where the page navigates to say its first screen is interactive (`ready_url`); the app refuses that
 * navigation and logs the moment instead. Used in place of the `app_ready` command.
 */
readyUrl: string, };

// ---- commands ----

// src-tauri/src/commands/app.rs

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/**
 * The first screen is painted and can be clicked (`ui_ms`: the page's own clock at that moment). A page
 * that has its start-up answers reports this by navigating to `crate::startup::ready_url` instead (no
 * command before a click); a reloaded page, which has none, calls this. See `crate::startup`.
 */
export function appReady(uiMs: number): Promise<void> {
  return call<void>("app_ready", { uiMs });
}

export function sessionClear(): Promise<void> {
  return call<void>("session_clear");
}

export function cancelOperation(opId: string): Promise<void> {
  return call<void>("cancel_operation", { opId });
}

/**
 * Opens the web root of the session's Autotask zone in the user's browser ("Open Autotask" on the API user
 * step). The page asks for it by name; the address is the session's, so the webview cannot open others.
 */
export function autotaskOpenWeb(): Promise<void> {
  return call<void>("autotask_open_web");
}

// src-tauri/src/commands/autotask.rs

/**
 * Asks Autotask which zone `username` lives in; the zone found becomes the session's (and is returned to be
 * shown). A failed or cancelled detection leaves the session's zone as it was.
 */
export function autotaskDetectZone(username: string, opId: string): Promise<AutotaskZone> {
  return call<AutotaskZone>("autotask_detect_zone", { username, opId });
}

/**
 * "Not my zone?": the address the partner pasted, parsed and checked against Autotask's hosts here, becomes
 * the session's zone (returned to be shown).
 */
export function autotaskParseZone(input: string): Promise<AutotaskZone> {
  return call<AutotaskZone>("autotask_parse_zone", { input });
}

export function autotaskSetCredentials(credentials: AutotaskCredentials): Promise<void> {
  return call<void>("autotask_set_credentials", { credentials });
}

// src-tauri/src/commands/connection.rs

/**
 * Tests the session's credentials where the session says their PSA lives, streaming each line. An Autotask
 * test without a known zone finds it from the username; ConnectWise needs the site first. The result is the
 * session's last verdict, and where the test ended (after a zone or codebase move) its location.
 */
export function connectionCheck(templateId: string | null, opId: string, onItem: (message: CheckItem) => void): Promise<CheckReport> {
  return call<CheckReport>("connection_check", { templateId: templateId ?? null, opId, onItem: new Channel<CheckItem>(onItem) });
}

/**
 * Counts what the filters select where the session's PSA lives (where the last test ended, when one ran:
 * it follows a zone or codebase move).
 */
export function connectionPreview(filters: FilterSet, opId: string): Promise<Preview> {
  return call<Preview>("connection_preview", { filters, opId });
}

// src-tauri/src/commands/connectwise.rs

/**
 * Asks the chosen site (`site`: a cloud region such as `na`, or a self-hosted address) for the company's
 * codebase and API address; what it answers becomes the session's site (and is returned to be shown).
 */
export function connectwiseDetectSite(site: string, companyId: string, opId: string): Promise<ConnectwiseSite> {
  return call<ConnectwiseSite>("connectwise_detect_site", { site, companyId, opId });
}

export function connectwiseSetCredentials(credentials: ConnectwiseCredentials): Promise<void> {
  return call<void>("connectwise_set_credentials", { credentials });
}

// src-tauri/src/commands/handoff/mod.rs

/**
 * A hand-off file's text (read by the webview from a file the user picked) or a pasted link.
 */
export function handoffParse(text: string): Promise<HandoffDraft> {
  return call<HandoffDraft>("handoff_parse", { text });
}

/**
 * The window starts the wizard on the hand-off it was given last (by `handoff_parse`, the start-up answers
 * or a push): its zone or site becomes the session's, so the test connects where the support agent said
 * without the window sending an address. A draft without one leaves the location unknown.
 */
export function handoffOpen(): Promise<void> {
  return call<void>("handoff_open");
}

/**
 * Checks what a support agent filled in and returns the hand-off as text and link; `save` also writes the
 * file to the Downloads folder under a new name.
 */
export function handoffCreate(profile: ProfileInput, openStep?: WizardStep | null, save?: boolean | null): Promise<HandoffCreated> {
  return call<HandoffCreated>("handoff_create", { profile, openStep: openStep ?? null, save: save ?? null });
}

// src-tauri/src/commands/portal.rs

/**
 * The vendor's form for this session's connection. The page names the template only: the login, the zone
 * or site and the secret are the session's.
 */
export function portalView(templateId: string): Promise<PortalView> {
  return call<PortalView>("portal_view", { templateId });
}

export function portalCopy(templateId: string, value: PortalValue): Promise<PortalCopied> {
  return call<PortalCopied>("portal_copy", { templateId, value });
}

// src-tauri/src/commands/profiles.rs

/**
 * Write, read back and delete a probe entry: proves the keychain works before anything relies on it.
 */
export function keychainStatus(): Promise<void> {
  return call<void>("keychain_status");
}

export function profilesList(): Promise<Profile[]> {
  return call<Profile[]>("profiles_list");
}

export function profileGet(idOrName: string): Promise<Profile> {
  return call<Profile>("profile_get", { idOrName });
}

/**
 * Saves the wizard's result as a new profile with the session's secret. Refused unless the last test of
 * this session, with these credentials, passed (`force` saves anyway), and refused when the name is taken
 * (`overwrite` replaces that profile: only for an explicit "replace" choice in the UI).
 */
export function profileSave(profile: ProfileInput, force?: boolean | null, overwrite?: boolean | null): Promise<ProfileSaved> {
  return call<ProfileSaved>("profile_save", { profile, force: force ?? null, overwrite: overwrite ?? null });
}

/**
 * Removes the keychain entry, then the profile; returns what was deleted.
 */
export function profileDelete(id: string): Promise<Profile> {
  return call<Profile>("profile_delete", { id });
}

/**
 * A copy with its own keychain entry holding a copy of the secret.
 */
export function profileDuplicate(id: string, newName: string): Promise<Profile> {
  return call<Profile>("profile_duplicate", { id, newName });
}

export function profileRename(id: string, newName: string): Promise<Profile> {
  return call<Profile>("profile_rename", { id, newName });
}

/**
 * Loads a profile and puts its location and credentials (secret from the keychain) into the session, so the
 * wizard's test, preview and save work on it. The secret is not returned. Without a secret in the keychain
 * (an imported profile) the location is still taken: the wizard then asks for the secret and tests there.
 */
export function profileOpen(id: string): Promise<Profile> {
  return call<Profile>("profile_open", { id });
}

/**
 * Re-runs the connection test of a saved profile with its secret from the keychain, streaming each line,
 * and records the result on the profile. The session's own credentials are left alone.
 */
export function profileRecheck(id: string, opId: string, onItem: (message: CheckItem) => void): Promise<ProfileRechecked> {
  return call<ProfileRechecked>("profile_recheck", { id, opId, onItem: new Channel<CheckItem>(onItem) });
}

/**
 * "Re-test all": every saved profile re-tested at once within psa-core's bounds (3 per PSA host and
 * tracking identifier, 24 in all), each result sent as it comes, the summary last; `cancel_operation`
 * with `op_id` stops it (profiles not started yet say "Not run: cancelled."). Results are recorded on the
 * profiles in one write at the end. Answers the summary too.
 */
export function profilesRecheckAll(opId: string, onEvent: (message: RecheckEvent) => void): Promise<RecheckSummary> {
  return call<RecheckSummary>("profiles_recheck_all", { opId, onEvent: new Channel<RecheckEvent>(onEvent) });
}

// src-tauri/src/commands/support.rs

/**
 * Re-tests a saved profile (streaming each line like `profile_recheck`) and returns the report for
 * support, with its text. A test that cannot start (no keychain, no secret yet) is reported rather than
 * refused. The report is kept for `diagnostic_save`.
 */
export function diagnoseProfile(id: string, opId: string, onItem: (message: CheckItem) => void): Promise<Diagnosis> {
  return call<Diagnosis>("diagnose_profile", { id, opId, onItem: new Channel<CheckItem>(onItem) });
}

/**
 * Writes the last report `diagnose_profile` made (plain text, or JSON when `json`) to the Downloads folder
 * under a new name; returns the path.
 */
export function diagnosticSave(json?: boolean | null): Promise<string> {
  return call<string>("diagnostic_save", { json: json ?? null });
}

/**
 * Shows the log folder in the file manager, with the current log file selected when there is one.
 */
export function openLogFolder(): Promise<string> {
  return call<string>("open_log_folder");
}

// src-tauri/src/commands/templates.rs

export function templatesList(): Promise<TemplateSummary[]> {
  return call<TemplateSummary[]>("templates_list");
}

/**
 * Whose vendor pack is in use (shown on the first step and in the header), or why the one found was refused.
 */
export function packStatus(): Promise<PackStatus> {
  return call<PackStatus>("pack_status");
}

export function templateGet(id: string): Promise<Template> {
  return call<Template>("template_get", { id });
}

// src-tauri/src/commands/transfer.rs

/**
 * Exports one profile (`id`) or all of them to a new file; returns where it went.
 */
export function profilesExport(id?: string | null): Promise<ExportWritten> {
  return call<ExportWritten>("profiles_export", { id: id ?? null });
}

/**
 * Imports the text of an export file. Clashing names come back in `clashes` (nothing imported) until the
 * user has chosen for each; imported profiles have no secret yet (`needsSecret`).
 */
export function profilesImport(text: string, options: ImportOptions): Promise<ImportReport> {
  return call<ImportReport>("profiles_import", { text, options });
}

/**
 * Shows a file the app wrote (an export) in the system's file manager.
 */
export function revealPath(path: string): Promise<void> {
  return call<void>("reveal_path", { path });
}

// ---- events (src-tauri/src/events.rs) ----

/**
 * A psa-connect:// link or hand-off file opened while the app runs, checked: a draft or the reason it was refused.
 * Resolves to the function that stops listening.
 */
export function onHandoffOpened(handler: (payload: HandoffOpened) => void): Promise<UnlistenFn> {
  return subscribe("handoff-opened", handler);
}
