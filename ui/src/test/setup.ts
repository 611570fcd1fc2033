// Every suite starts with the wizard's step chunks already fetched, as they are in the app once the partner
// has touched the window: a click on Next then draws the next step in the same render. The lazy path itself
// (a step opened before its chunk arrived) is tested in wizard/screens.test.tsx with fresh modules.
import { afterEach, beforeAll } from "vitest";
import { preloadScreens } from "../wizard/screens";

beforeAll(() => preloadScreens());

// What the app puts in the page (start-up answers, pushed hand-offs) belongs to one test's page only.
afterEach(() => {
  const page = globalThis as Record<string, unknown>;
  delete page.__PSA_STARTUP__;
  delete page.__PSA_HANDOFFS__;
});
