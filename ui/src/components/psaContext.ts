// Which PSA the screens below are about, so shared pieces (error panels) can name it.
import { createContext } from "preact";
import type { Psa } from "../bindings.gen";

export const PsaContext = createContext<Psa>("autotask");
