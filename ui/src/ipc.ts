// The app's commands, as the screens use them: every command and event of commands.gen.ts (generated from
// the Rust commands: names, arguments and answers are never written by hand), plus the little behaviour the
// page adds on top: answers asked once per run and shared, the start-up answers the app put in the page,
// and fresh operation ids.
import type { HandoffOpened, PackStatus, Profile, PsaError, TemplateSummary } from "./bindings.gen";
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

// What the app is, which templates it carries and which vendor pack it uses are fixed while it runs, and
// several screens ask at start-up: one request each, shared, or none when the app handed the answer to the page
// before its script ran; a failed request is forgotten so the next caller asks again.
const forgetShared: (() => void)[] = [];

function sharedAnswer<K extends "app" | "pack" | "templates">(
  key: K,
  ask: () => Promise<StartupAnswers[K]>,
): { (): Promise<StartupAnswers[K]>; now: () => StartupAnswers[K] | undefined } {
  let once: Promise<StartupAnswers[K]> | null = null;
  let given: StartupAnswers[K] | undefined;
  forgetShared.push(() => {
    once = null;
    given = undefined;
  });
  const seed = () => {
    if (once) return;
    given = takeStartupAnswer(key);
    if (given) once = Promise.resolve(given);
  };
  const shared = () => {
    seed();
    once ??= ask().catch((e) => {
      once = null;
      throw e;
    });
    return once;
  };
  /** The answer the app put in the page, without waiting; later calls of `shared` answer the same. */
  shared.now = () => {
    seed();
    return given;
  };
  return shared;
}

export const appInfo = sharedAnswer("app", () => gen.appInfo());
export const templatesList = sharedAnswer("templates", () => gen.templatesList());
const sharedPackStatus = sharedAnswer("pack", () => gen.packStatus());

/** Whose vendor pack is in use, or why the one found was refused. A failed request counts as "no pack". */
export function packStatus(): Promise<PackStatus> {
  return sharedPackStatus().catch(() => ({}));
}

/** The pack's status as the app put it in the page, without waiting (undefined when it did not). */
export function packStatusNow(): PackStatus | undefined {
  return sharedPackStatus.now();
}

/** The answers the app put in the page before its script ran (src-tauri/src/startup.rs), those not taken yet.
 * They were written when the app started: a reloaded page asks afresh (profiles may have changed). */
function startupAnswers(): Partial<StartupAnswers> | undefined {
  const answers = (globalThis as { __PSA_STARTUP__?: Partial<StartupAnswers> }).__PSA_STARTUP__;
  return answers && !reloaded() ? answers : undefined;
}

/** Takes one of the start-up answers; each is used once, so it is deleted as it is taken. */
function takeStartupAnswer<K extends keyof StartupAnswers>(key: K): StartupAnswers[K] | undefined {
  const answers = startupAnswers();
  if (!answers) return undefined;
  const value = answers[key];
  delete answers[key];
  return value ?? undefined;
}

function reloaded(): boolean {
  const nav = globalThis.performance?.getEntriesByType?.("navigation")?.[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === "reload";
}

/** The first call may be answered by the start-up answers (no IPC); every later one asks the app. */
export function profilesList(): Promise<Profile[]> {
  const given = takeStartupAnswer("profiles");
  return given ? Promise.resolve(given) : gen.profilesList();
}

/** The hand-off the app was started with (`null`: none), from the start-up answers. Given once: a reloaded
 * page (or a UI test without answers) has none, so the link is not opened a second time. */
export function takeLaunchHandoff(): HandoffOpened | null {
  return takeStartupAnswer("handoff") ?? null;
}

/** Why the app could not read the saved connections at start (a damaged file it moved aside, a file from a
 * newer version), from the start-up answers; `null` when it could. Given once. */
export function takeProfilesError(): PsaError | null {
  return takeStartupAnswer("profilesError") ?? null;
}

/** Tells the app the first screen is interactive. With start-up answers the page navigates to the address
 * they name, which the app refuses and logs (src-tauri/src/startup.rs): a command here would be the only
 * one before a click, and the first command loads WebKit's fetch machinery (about 1 MB). */
export function reportReady(uiMs: number): void {
  const url = takeStartupAnswer("readyUrl");
  if (url) {
    window.location.assign(`${url}?ui_ms=${uiMs.toFixed(1)}`);
    return;
  }
  gen.appReady(uiMs).catch(() => undefined);
}

/** What the first screen needs, when the app put all of it in the page: then the window's first frame can
 * be that screen (no loading frame, no promise to wait for). Undefined when a part is missing (a reloaded page,
 * a profile list that could not be read, the UI tests): the screens ask for it as before. */
export function firstScreenAnswers(): { profiles: Profile[]; templates: TemplateSummary[] } | undefined {
  if (!startupAnswers()?.profiles) return undefined;
  const templates = templatesList.now();
  if (!templates) return undefined;
  return { profiles: takeStartupAnswer("profiles") ?? [], templates };
}

/** A fresh app run in the UI tests: nothing remembered from the previous one. */
export function forgetStartupAnswers(): void {
  for (const forget of forgetShared) forget();
}
