import type { Action, WizardState } from "./state";

export interface StepProps {
  state: WizardState;
  dispatch: (a: Action) => void;
}
