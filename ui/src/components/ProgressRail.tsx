// The list of steps on the left: where you are, what is done, and a way back to any step already reachable.
import { STEPS, type StepId } from "../wizard/state";

interface Props {
  current: StepId;
  isReachable: (step: StepId) => boolean;
  isComplete: (step: StepId) => boolean;
  onGo: (step: StepId) => void;
  /** The step's name for the chosen PSA; defaults to the Autotask wording. */
  titleOf?: (step: StepId) => string;
}

export function ProgressRail({ current, isReachable, isComplete, onGo, titleOf }: Props) {
  const currentIndex = STEPS.findIndex((s) => s.id === current);
  return (
    <nav class="rail" aria-label="Setup steps" data-testid="progress-rail">
      <ol>
        {STEPS.map((s, i) => {
          const isCurrent = s.id === current;
          const done = i < currentIndex && isComplete(s.id);
          const reachable = !isCurrent && isReachable(s.id);
          const state = isCurrent ? "current" : done ? "done" : reachable ? "open" : "locked";
          const mark = done ? "✓" : String(i + 1);
          const content = (
            <>
              <span class="rail-mark" aria-hidden="true">
                {mark}
              </span>
              <span class="rail-name">{titleOf ? titleOf(s.id) : s.title}</span>
              {done && <span class="sr-only"> (done)</span>}
            </>
          );
          return (
            <li key={s.id} class={`rail-item rail-${state}`} data-testid={`rail-${s.id}`} data-state={state}>
              {reachable ? (
                <button type="button" class="rail-button" onClick={() => onGo(s.id)}>
                  {content}
                </button>
              ) : (
                <span class="rail-button" aria-current={isCurrent ? "step" : undefined} aria-disabled={!isCurrent}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
