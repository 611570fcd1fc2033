// Step 5 asks the PSA where the partner's data lives: the Autotask zone or the ConnectWise site. Both runs are
// started, stopped and reported the same way; only the question and what is done with the answer differ.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { PsaError } from "../../../bindings.gen";
import { ErrorPanel } from "../../../components/ErrorPanel";
import type { Action } from "../../state";
import { useOperation } from "../../useOperation";

export interface Detection {
  detecting: boolean;
  stopped: boolean;
  error: PsaError | null;
  detect(): Promise<void>;
  cancel(): void;
  /** Drops the stopped note and the error, for when the partner settled the answer another way. */
  forget(): void;
}

/**
 * `ask` and `found` are taken from the render that starts the run, so whatever they read from the wizard state
 * is what the run was started with.
 */
export function useDetection<T>(ask: (opId: string) => Promise<T>, found: (value: T) => void): Detection {
  const op = useOperation();
  const [detecting, setDetecting] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);

  async function detect() {
    setDetecting(true);
    setStopped(false);
    setError(null);
    const r = await op.run(ask);
    if (r === undefined) return; // superseded, or cancelled and already handled
    setDetecting(false);
    if ("value" in r) found(r.value);
    else if ((r.error as PsaError).code === "cancelled") setStopped(true);
    else setError(r.error as PsaError);
  }

  function cancel() {
    op.cancel();
    setDetecting(false);
    setStopped(true);
  }

  function forget() {
    setError(null);
    setStopped(false);
  }

  return { detecting, stopped, error, detect, cancel, forget };
}

interface DetectButtonProps {
  detection: Detection;
  /** An answer is already on screen. */
  have: boolean;
  testId: string;
  first: string;
  /** Once there is an answer, an error or a stop, the button offers to ask again. */
  again: string;
}

export function DetectButton({ detection, have, testId, first, again }: DetectButtonProps) {
  const { detecting, error, stopped, detect } = detection;
  if (detecting) return null;
  return (
    <button type="button" class="btn" onClick={() => void detect()} data-testid={testId}>
      {have || error || stopped ? again : first}
    </button>
  );
}

interface DetectionErrorProps {
  detection: Detection;
  /** The codes whose cause is in what the partner typed on step 3. */
  fixCodes: Set<string>;
  fixTestId: string;
  dispatch: (a: Action) => void;
  /** The label of the button back to step 3. */
  children: ComponentChildren;
}

export function DetectionError({ detection, fixCodes, fixTestId, dispatch, children }: DetectionErrorProps) {
  const { error, detecting } = detection;
  if (!error || detecting) return null;
  return (
    <ErrorPanel error={error}>
      {fixCodes.has(error.code) && (
        <button
          type="button"
          class="btn"
          onClick={() => dispatch({ type: "goTo", step: "username" })}
          data-testid={fixTestId}
        >
          {children}
        </button>
      )}
    </ErrorPanel>
  );
}
