// The support commands (src-tauri/src/commands/support.rs): hand-offs, the diagnostic report, the log folder.
// Like ../ipc.ts, every failure comes back as a PsaError.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  CheckItem,
  DiagnosticReport,
  HandoffDraft,
  HandoffOpened,
  ProfileInput,
  WizardStep,
} from "../bindings.gen";
import { toPsaError } from "../ipc";

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toPsaError(e);
  }
}

/** The event the app sends when a psa-connect:// link is opened while it runs. */
export const HANDOFF_EVENT = "handoff-opened";

/** `handoff_create`'s answer (an app-crate type, not generated). */
export interface HandoffCreated {
  document: string;
  link: string;
  draft: HandoffDraft;
  path?: string;
}

/** A hand-off file's text or a pasted link, checked: secret-free, known template, safe zone. */
export const handoffParse = (text: string) => call<HandoffDraft>("handoff_parse", { text });

/** The link the app was started with; `null` when none (asked once per run). */
export const handoffPending = () => call<HandoffOpened | null>("handoff_pending");

export const handoffCreate = (profile: ProfileInput, openStep: WizardStep | null, save: boolean) =>
  call<HandoffCreated>("handoff_create", { profile, openStep, save });

export function diagnoseProfile(id: string, opId: string, onItem: (item: CheckItem) => void): Promise<DiagnosticReport> {
  const channel = new Channel<CheckItem>(onItem);
  return call<DiagnosticReport>("diagnose_profile", { id, opId, onItem: channel });
}

export const diagnosticText = (report: DiagnosticReport) => call<string>("diagnostic_text", { report });

/** Writes the report to the Downloads folder under a new name; returns the path. */
export const diagnosticSave = (report: DiagnosticReport, json: boolean) =>
  call<string>("diagnostic_save", { report, json });

/** Opens the log folder in the file manager; returns its path. */
export const openLogFolder = () => call<string>("open_log_folder");

/** Calls `handler` for every hand-off link opened while the app runs. Resolves to the unsubscribe function. */
export function onHandoffOpened(handler: (opened: HandoffOpened) => void): Promise<() => void> {
  return listen<HandoffOpened>(HANDOFF_EVENT, (e) => handler(e.payload));
}
