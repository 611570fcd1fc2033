// Runs one cancellable command at a time: a new start or leaving the step cancels the one in flight, and
// answers from superseded runs are ignored.
import { useEffect, useRef } from "preact/hooks";
import * as ipc from "../ipc";

export interface Operation {
  /** Starts `work` with a fresh opId; resolves to undefined when superseded or cancelled. */
  run<T>(work: (opId: string) => Promise<T>): Promise<{ value: T } | { error: unknown } | undefined>;
  cancel(): void;
}

export function useOperation(): Operation {
  const current = useRef<string | null>(null);

  const cancel = () => {
    const id = current.current;
    current.current = null;
    if (id) ipc.cancelOperation(id).catch(() => undefined);
  };

  useEffect(() => cancel, []);

  return {
    async run(work) {
      cancel();
      const id = ipc.newOpId();
      current.current = id;
      try {
        const value = await work(id);
        return current.current === id ? { value } : undefined;
      } catch (error) {
        return current.current === id ? { error } : undefined;
      } finally {
        if (current.current === id) current.current = null;
      }
    },
    cancel,
  };
}
