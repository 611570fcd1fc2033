// Any failure from the Rust side, as the PsaError every screen shows. The generated commands
// (commands.gen.ts) pass every rejection through `toPsaError`, whatever shape it had.
import type { ErrorCode, PsaError } from "./bindings.gen";

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
