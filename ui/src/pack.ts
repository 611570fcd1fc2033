// The vendor pack in use (psa-core templates/pack.rs): asked once per run, shared by the screens that show it.
import { useEffect, useState } from "preact/hooks";
import type { PackStatus } from "./bindings.gen";
import * as ipc from "./ipc";

export function usePackStatus(): PackStatus {
  const [status, setStatus] = useState<PackStatus>({});
  useEffect(() => {
    let live = true;
    void ipc.packStatus().then((s) => live && setStatus(s ?? {}));
    return () => {
      live = false;
    };
  }, []);
  return status;
}
