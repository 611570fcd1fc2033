// The frame every step renders in: a heading that takes focus when the step opens, the content, and the
// Back / Next bar. It is a form so Enter in a field means Next.
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { firstScreenShown, markInteractive } from "../startup";
import type { Action, StepId } from "./state";

interface Props {
  id: StepId;
  title: string;
  intro?: ComponentChildren;
  children: ComponentChildren;
  dispatch: (a: Action) => void;
  nextLabel?: string;
  nextDisabled?: boolean;
  /** Replaces the plain "go to the next step" (the Secret step stores the secret first). */
  onNext?: () => void;
  hideBack?: boolean;
  hideNext?: boolean;
}

export function StepFrame(p: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Before the frame is painted: the heading has focus in the step's first frame, and the first screen is
  // marked as soon as it is in the page (its parent's layout effects, step 1's mark among them, run after).
  useLayoutEffect(() => {
    // Every step the partner moves to takes focus on its heading (screen readers announce it). The very first
    // screen after launch leaves focus where the page put it: a ring around the title before anyone has
    // touched anything looks like a fault.
    // Someone already typing in one of the step's fields (a fast typist, a pasted value, a test driver) keeps
    // their focus: moving it to the heading then would send the next keys nowhere.
    if (firstScreenShown() && !typingInside(form.current)) heading.current?.focus();
    // Step 1 marks itself once its list is there; a run that opens part-way (a hand-off) starts here.
    if (p.id !== "choose") markInteractive();
  }, [p.id]);

  const next = () => {
    if (p.nextDisabled) return;
    if (p.onNext) p.onNext();
    else p.dispatch({ type: "next" });
  };

  return (
    <form
      ref={form}
      class="step"
      data-testid={`step-${stepTestId(p.id)}`}
      aria-labelledby={`heading-${p.id}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        next();
      }}
    >
      <div class="step-content">
        <h1 id={`heading-${p.id}`} tabIndex={-1} ref={heading} data-testid="step-heading">
          {p.title}
        </h1>
        {p.intro && <p class="intro">{p.intro}</p>}
        {p.children}
      </div>
      <div class="step-nav">
        {!p.hideBack && (
          <button type="button" class="btn" onClick={() => p.dispatch({ type: "back" })} data-testid="btn-back">
            Back
          </button>
        )}
        <span class="spacer" />
        {!p.hideNext && (
          <button type="submit" class="btn btn-primary" disabled={p.nextDisabled} data-testid="btn-next">
            {p.nextLabel ?? "Next"}
          </button>
        )}
      </div>
    </form>
  );
}

/** Whether focus is in a text field, list or text area of this step. */
function typingInside(form: HTMLFormElement | null): boolean {
  const active = document.activeElement;
  if (!form || !active || !form.contains(active)) return false;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName);
}

const TEST_IDS: Record<StepId, string> = {
  choose: "choose",
  apiUser: "api-user",
  username: "username",
  secret: "secret",
  zone: "zone",
  check: "check",
  filters: "filters",
  summary: "summary",
  vendor: "vendor",
};

export const stepTestId = (id: StepId) => TEST_IDS[id];
