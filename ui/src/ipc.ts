// The one module that talks to the Rust side. Every wrapper matches a row of notes/ipc.md and every failure
// comes back as a PsaError, whatever shape the rejection had.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  AutotaskCredentials,
  AutotaskZone,
  CheckItem,
  CheckReport,
  ErrorCode,
  FilterSet,
  Preview,
  PsaError,
} from "./bindings.gen";
import type { Template, TemplateSummary } from "./templates";

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

export const appInfo = () => call<AppInfo>("app_info");
export const templatesList = () => call<TemplateSummary[]>("templates_list");
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

export const cancelOperation = (opId: string) => call<void>("cancel_operation", { opId });
export const sessionClear = () => call<void>("session_clear");
export const openExternal = (url: string) => call<void>("open_external", { url });
