// How the wizard's Summary tells the app a connection was saved, without widening every step's props.
import { createContext } from "preact";
import type { Profile } from "../bindings.gen";

export interface SaveHandler {
  onSaved: (profile: Profile) => void;
}

export const SaveContext = createContext<SaveHandler | null>(null);
