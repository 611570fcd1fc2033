// The app's commands, as the screens use them: every command and event of commands.gen.ts (generated from
// the Rust commands: names, arguments and answers are never written by hand), plus the little behaviour the
// page adds on top: answers asked once per run and shared, the start-up answers the app put in the page,
// and fresh operation ids.
import type { AppInfo, PackStatus, Profile, TemplateSummary } from "./bindings.gen";
import * as gen from "./commands.gen";
import type { StartupAnswers } from "./commands.gen";

export * from "./commands.gen";
export { isPsaError, toPsaError } from "./psaError";

/** A fresh id for an operation that can be cancelled with `cancelOperation`. */
export function newOpId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// What the app is and which templates it carries are fixed while it runs, and several screens ask at start-up:
// one request each, shared; a failed request is forgotten so the next caller asks again.
let appInfoOnce: Promise<AppInfo> | null = null;
let templatesOnce: Promise<TemplateSummary[]> | null = null;
let packOnce: Promise<PackStatus> | null = null;

/** Whose vendor pack is in use, or why the one found was refused. A failed request counts as "no pack". */
export function packStatus(): Promise<PackStatus> {
  const given = takeStartupAnswer("pack");
  if (given && !packOnce) packOnce = Promise.resolve(given);
  packOnce ??= gen.packStatus().catch(() => {
    packOnce = null;
    return {};
  });
  return packOnce;
}

export function appInfo(): Promise<AppInfo> {
  const given = takeStartupAnswer("app");
  if (given && !appInfoOnce) appInfoOnce = Promise.resolve(given);
  appInfoOnce ??= gen.appInfo().catch((e) => {
    appInfoOnce = null;
    throw e;
  });
  return appInfoOnce;
}

/** Takes one of the answers the app put in the page before its script ran (src-tauri/src/startup.rs); each
 * is used once, so it is deleted as it is taken. */
function takeStartupAnswer<K extends keyof StartupAnswers>(key: K): StartupAnswers[K] | undefined {
  const answers = (globalThis as { __PSA_STARTUP__?: Partial<StartupAnswers> }).__PSA_STARTUP__;
  // The answers were written when the app started: a reloaded page asks afresh (profiles may have changed).
  if (!answers || reloaded()) return undefined;
  const value = answers[key];
  delete answers[key];
  return value ?? undefined;
}

function reloaded(): boolean {
  const nav = globalThis.performance?.getEntriesByType?.("navigation")?.[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === "reload";
}

export function templatesList(): Promise<TemplateSummary[]> {
  const given = takeStartupAnswer("templates");
  if (given && !templatesOnce) templatesOnce = Promise.resolve(given);
  templatesOnce ??= gen.templatesList().catch((e) => {
    templatesOnce = null;
    throw e;
  });
  return templatesOnce;
}

/** The first call may be answered by the start-up answers (no IPC); every later one asks the app. */
export function profilesList(): Promise<Profile[]> {
  const given = takeStartupAnswer("profiles");
  return given ? Promise.resolve(given) : gen.profilesList();
}

/** A fresh app run in the UI tests: nothing remembered from the previous one. */
export function forgetStartupAnswers(): void {
  appInfoOnce = null;
  templatesOnce = null;
  packOnce = null;
}
