import { clearMocks } from "@tauri-apps/api/mocks";
import { useEffect, useRef } from "preact/hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forgetInteractiveMark, markInteractive } from "../startup";
import { installIpc } from "../test/ipcMock";
import { mount, settle, unmount } from "../test/helpers";
import { StepFrame } from "./StepFrame";

beforeEach(() => {
  installIpc(() => null);
  // Not the first screen of the run: steps opened later take focus on their heading.
  markInteractive();
});

afterEach(() => {
  unmount();
  clearMocks();
  forgetInteractiveMark();
});

/** A field that has focus before the frame's own effect runs, as when someone types the moment a step opens. */
function EagerField() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return <input ref={input} data-testid="eager" />;
}

describe("StepFrame focus", () => {
  it("moves focus to the heading when a step opens", async () => {
    mount(
      <StepFrame id="username" title="The API username" dispatch={() => undefined}>
        <input data-testid="plain" />
      </StepFrame>,
    );
    await settle();
    expect(document.activeElement?.id).toBe("heading-username");
  });

  it("leaves focus in a field the partner is already typing in", async () => {
    mount(
      <StepFrame id="secret" title="The secret" dispatch={() => undefined}>
        <EagerField />
      </StepFrame>,
    );
    await settle();
    expect((document.activeElement as HTMLElement).dataset.testid).toBe("eager");
  });
});
