// How the wizard's Summary tells the app a connection was saved, without widening every step's props.
import { createContext } from "preact";
import type { Profile, ProfileWarning } from "../bindings.gen";

export interface SaveHandler {
  /** `warnings` are what `profile_save` noticed but did not refuse (shown on the home screen). */
  onSaved: (profile: Profile, warnings: ProfileWarning[]) => void;
  /** The wizard's last step is done: back to the saved connections. */
  onFinished?: () => void;
}

export const SaveContext = createContext<SaveHandler | null>(null);
