// The ticking list of a guide's steps (step 2), the same for an Autotask API user and a ConnectWise API member.
import type { GuideStep } from "../../bindings.gen";
import type { StepProps } from "../types";

export function GuideChecklist({ steps, state, dispatch }: StepProps & { steps: GuideStep[] }) {
  const done = state.checklist.filter(Boolean).length;
  return (
    <section aria-labelledby="setup-steps-title">
      <h2 id="setup-steps-title">
        Steps <span class="muted small">({done} of {steps.length} ticked)</span>
      </h2>
      <ol class="todo" data-testid="setup-steps">
        {steps.map((s, i) => (
          <li key={s.id} class={state.checklist[i] ? "todo-done" : ""}>
            <label>
              <input
                type="checkbox"
                checked={state.checklist[i] === true}
                onChange={() => dispatch({ type: "toggleChecklist", index: i })}
                data-testid={`setup-step-${i}`}
              />
              <span class="todo-text">
                <span class="todo-title">{s.title}</span>
                {s.menuPath && <span class="menu-path">{s.menuPath}</span>}
                {s.detail && <span class="todo-detail">{s.detail}</span>}
              </span>
            </label>
          </li>
        ))}
      </ol>
    </section>
  );
}
