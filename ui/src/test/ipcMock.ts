// A mockIPC handler with the commands every screen calls at start-up, plus a log of what was invoked.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ErrorCode, PsaError } from "../bindings.gen";
import { forgetStartupAnswers } from "../ipc";
import { forgetPackStatus } from "../pack";
import { resetKeychainCheck } from "../profiles/keychainCheck";
import { forgetInteractiveMark } from "../startup";
import { TEMPLATE_SUMMARIES, templateFixture } from "./templates";

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

export function installIpc(handler: Handler): Call[] {
  const calls: Call[] = [];
  // A fresh mock is a fresh app run: the once-per-run keychain answer must not leak between tests.
  resetKeychainCheck();
  forgetStartupAnswers();
  forgetInteractiveMark();
  forgetPackStatus();
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = handler(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "app_info":
        return { version: "0.1.0", zoneLookupUrl: "https://webservices2.autotask.net", zoneLookupOverridden: false };
      case "templates_list":
        return TEMPLATE_SUMMARIES;
      case "template_get":
        return templateFixture(String(args.id));
      case "pack_status":
        return {};
      case "cancel_operation":
      case "app_ready":
        return null;
      case "keychain_status":
        return null;
      // Event subscriptions succeed (their id is all the UI keeps).
      // Starting the wizard on a hand-off: the app takes its zone or site (no answer).
      case "handoff_open":
        return null;
      case "plugin:event|listen":
        return 1;
      case "plugin:event|unlisten":
        return null;
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
  return calls;
}

export const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);

export function psaError(
  code: ErrorCode,
  message = "engine message",
  fix = "engine fix",
  details = "raw detail",
): PsaError {
  return { code, message, fix, details };
}
