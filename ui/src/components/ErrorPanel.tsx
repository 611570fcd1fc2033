// Shows an error as something a partner can act on; the raw code and details are one click away.
import type { ComponentChildren } from "preact";
import { useContext, useState } from "preact/hooks";
import type { PsaError } from "../bindings.gen";
import { describeError, supportDetails } from "../errors";
import { PsaContext } from "./psaContext";

interface Props {
  error: PsaError;
  /** Buttons that fix the problem (try again, go back to a step …). */
  children?: ComponentChildren;
  testId?: string;
}

let panelCounter = 0;

export function ErrorPanel({ error, children, testId = "error-panel" }: Props) {
  const [open, setOpen] = useState(false);
  const [id] = useState(() => `error-details-${++panelCounter}`);
  const text = describeError(error, useContext(PsaContext));
  return (
    <div class="error-panel" role="alert" data-testid={testId} data-code={error.code}>
      <p class="error-title" data-testid={`${testId}-title`}>
        {text.title}
      </p>
      <p class="error-advice" data-testid={`${testId}-advice`}>
        {text.advice}
      </p>
      {children && <div class="error-actions">{children}</div>}
      <button
        type="button"
        class="btn-link details-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        data-testid={`${testId}-details-toggle`}
      >
        {open ? "Hide details for support" : "Details for support"}
      </button>
      {open && (
        <pre class="error-details" id={id} data-testid={`${testId}-details`}>
          {supportDetails(error)}
        </pre>
      )}
    </div>
  );
}
