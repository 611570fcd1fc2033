// The vendor pack in use (psa-core templates/pack/mod.rs): asked once per run, shared by the screens that show it.
// The pack cannot change while the app runs, so later screens start with the answer already there: a note
// that appeared only after the answer arrived shifted the choices under the partner's pointer.
import { useEffect, useState } from "preact/hooks";
import type { PackStatus } from "./bindings.gen";
import * as ipc from "./ipc";

let known: PackStatus | null = null;

export function usePackStatus(): PackStatus {
  // The answer the app put in the page is the first frame's: a second render just after the first paint
  // would lay out and paint step 1 again before it can report itself interactive.
  const [status, setStatus] = useState<PackStatus>(() => (known ??= ipc.packStatusNow() ?? null) ?? {});
  useEffect(() => {
    if (known) return;
    let live = true;
    void ipc.packStatus().then((s) => {
      known = s ?? {};
      if (live) setStatus(known);
    });
    return () => {
      live = false;
    };
  }, []);
  return status;
}

/** A fresh app run in the UI tests (each installs its own IPC answers). */
export function forgetPackStatus(): void {
  known = null;
}
