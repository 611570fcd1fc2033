// Which component draws which step. Step 1 is part of the first bundle; every other step is its own chunk,
// fetched the first time it is needed (Vite splits at each `import()`), so a launch parses only what the
// first screen draws. The chunks are asked for as soon as the partner first touches the window (a key or a
// pointer), long before a Next click needs them; a step opened before its chunk arrived (a hand-off that
// starts part-way) shows an empty step area of the same size until it has, then mounts, and its StepFrame
// moves focus to the heading as any step's does.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Psa } from "../bindings.gen";
import type { StepId } from "./state";
import { ChooseIntegration } from "./steps/ChooseIntegration";
import type { StepProps } from "./types";

export type Screen = (p: StepProps) => JSX.Element;

/** A step's component, loaded once; `screen` is set as soon as it has arrived. */
interface Slot {
  load: () => Promise<Screen>;
  screen?: Screen;
  pending?: Promise<Screen>;
}

const slot = (load: () => Promise<Screen>, screen?: Screen): Slot => ({ load, screen });

type Key = StepId | `cw.${"apiUser" | "username" | "zone"}`;

const SLOTS: Record<Key, Slot> = {
  choose: slot(() => Promise.resolve(ChooseIntegration), ChooseIntegration),
  apiUser: slot(() => import("./steps/ApiUserSetup").then((m) => m.ApiUserSetup)),
  username: slot(() => import("./steps/Username").then((m) => m.Username)),
  secret: slot(() => import("./steps/Secret").then((m) => m.Secret)),
  zone: slot(() => import("./steps/Zone").then((m) => m.Zone)),
  check: slot(() => import("./steps/ConnectionTest").then((m) => m.ConnectionTest)),
  filters: slot(() => import("./steps/Filters").then((m) => m.Filters)),
  summary: slot(() => import("./steps/Summary").then((m) => m.Summary)),
  vendor: slot(() => import("./steps/VendorPortal").then((m) => m.VendorPortal)),
  // ConnectWise's own screens; the other steps are shared.
  "cw.apiUser": slot(() => import("./steps/cw/CwApiMember").then((m) => m.CwApiMember)),
  "cw.username": slot(() => import("./steps/cw/CwLogin").then((m) => m.CwLogin)),
  "cw.zone": slot(() => import("./steps/cw/CwSite").then((m) => m.CwSite)),
};

function keyOf(psa: Psa | null | undefined, step: StepId): Key {
  const cw = `cw.${step}` as Key;
  return psa === "connectwise" && cw in SLOTS ? cw : step;
}

function load(s: Slot): Promise<Screen> {
  if (s.screen) return Promise.resolve(s.screen);
  s.pending ??= s.load().then(
    (screen) => {
      s.screen = screen;
      return screen;
    },
    (e: unknown) => {
      // A failed fetch may be tried again (the next render asks anew).
      s.pending = undefined;
      throw e;
    },
  );
  return s.pending;
}

/** Fetches every step's chunk (once); resolves when all are there. */
export function preloadScreens(): Promise<void> {
  return Promise.all(Object.values(SLOTS).map((s) => load(s).catch(() => undefined))).then(() => undefined);
}

let listening = false;

/** Fetches the step chunks on the partner's first key or pointer press in the window, not at launch. */
export function preloadOnFirstTouch(): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  const go = () => {
    listening = false;
    for (const type of EVENTS) window.removeEventListener(type, go, true);
    void preloadScreens();
  };
  for (const type of EVENTS) window.addEventListener(type, go, { capture: true, passive: true });
}

const EVENTS = ["pointerdown", "keydown", "touchstart"] as const;

/** Tests of the lazy path: every step but the first is fetched again when next needed. */
export function forgetScreens(): void {
  for (const [key, s] of Object.entries(SLOTS)) {
    if (key === "choose") continue;
    s.screen = undefined;
    s.pending = undefined;
  }
}

/** Whether the step's component is already here (tests). */
export function screenLoaded(psa: Psa | null | undefined, step: StepId): boolean {
  return SLOTS[keyOf(psa, step)].screen !== undefined;
}

/** The current step: drawn at once when its chunk is here, else once it has arrived. */
export function StepScreen({ psa, step, ...props }: StepProps & { psa: Psa | null | undefined; step: StepId }) {
  const s = SLOTS[keyOf(psa, step)];
  const [, arrived] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (s.screen) return;
    let live = true;
    load(s).then(
      () => live && arrived((n) => n + 1),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [s]);
  const Screen = s.screen;
  if (Screen) return <Screen {...props} />;
  // The step area keeps its size (the `.step` box fills it), so the rail and header do not move.
  return (
    <div class="step" aria-busy="true" data-testid="step-loading">
      {failed && (
        <p class="step-content" role="alert">
          This step could not be loaded. Close PSA Connect and open it again.
        </p>
      )}
    </div>
  );
}
