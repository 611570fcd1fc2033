// Step 5: find the partner's Autotask zone from the username, or take the address they paste.
import { useEffect, useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import * as ipc from "../../ipc";
import { StepFrame } from "../StepFrame";
import { zoneCurrent } from "../state";
import { normaliseUsername } from "../validation";
import type { StepProps } from "../types";
import { DetectButton, DetectionError, useDetection } from "./parts/detection";

const USERNAME_CODES = new Set(["zone_unknown_user", "invalid_username"]);

export function Zone({ state, dispatch }: StepProps) {
  const username = normaliseUsername(state.username);
  const detection = useDetection(
    (opId) => ipc.autotaskDetectZone(username, opId),
    (zone) => dispatch({ type: "zoneFound", zone, forUsername: username }),
  );
  const { detecting, stopped, error, cancel } = detection;
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [overrideText, setOverrideText] = useState("");
  const [overrideError, setOverrideError] = useState<PsaError | null>(null);
  const have = zoneCurrent(state) && state.zone !== null;

  async function applyOverride() {
    setOverrideError(null);
    try {
      // Rust parses and checks the address and keeps the zone for the test; this is only what to show.
      const zone = await ipc.autotaskParseZone(overrideText.trim());
      dispatch({ type: "zoneFound", zone, forUsername: null });
      setOverrideOpen(false);
      detection.forget();
    } catch (e) {
      setOverrideError(e as PsaError);
    }
  }

  useEffect(() => {
    if (!zoneCurrent(state)) void detection.detect();
    // Runs once when the step opens; later detections are the partner's choice.
  }, []);

  return (
    <StepFrame
      id="zone"
      title="Your Autotask zone"
      intro="Autotask keeps each company's data in one of several data centres (zones). PSA Connect asks Autotask which one is yours."
      dispatch={dispatch}
      nextDisabled={!have || detecting}
    >
      {detecting && <Spinner label="Asking Autotask where your data lives…" onCancel={cancel} testId="zone-detecting" />}

      {have && state.zone && !detecting && (
        <dl class="facts" data-testid="zone-result" data-source={state.zone.source}>
          <dt>Zone</dt>
          <dd data-testid="zone-name">{state.zone.zoneName}</dd>
          <dt>Autotask address</dt>
          <dd data-testid="zone-web-url">{state.zone.webUrl}</dd>
          <dt>Found by</dt>
          <dd>{state.zone.source === "manual" ? "The address you pasted" : "Asking Autotask with your username"}</dd>
        </dl>
      )}

      {stopped && !detecting && !have && (
        <p class="note" data-testid="zone-stopped">
          Zone detection stopped. Start it again, or paste your Autotask address below.
        </p>
      )}

      <DetectionError detection={detection} fixCodes={USERNAME_CODES} fixTestId="btn-fix-username" dispatch={dispatch}>
        Check the username
      </DetectionError>

      <div class="zone-actions">
        {(!have || state.zone?.source === "manual" || error || stopped) && (
          <DetectButton
            detection={detection}
            have={have}
            testId="btn-zone-detect"
            first="Detect my zone"
            again="Detect again"
          />
        )}
        <button
          type="button"
          class="btn-link"
          aria-expanded={overrideOpen}
          aria-controls="zone-override"
          onClick={() => setOverrideOpen(!overrideOpen)}
          data-testid="btn-zone-override"
        >
          Not my zone?
        </button>
      </div>

      {overrideOpen && (
        <div class="field" id="zone-override">
          <label for="input-zone-override">Address of your Autotask page</label>
          <div class="input-with-button">
            <input
              id="input-zone-override"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="https://ww14.autotask.net/…"
              value={overrideText}
              aria-describedby="zone-override-help"
              onInput={(e) => setOverrideText(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Enter here applies the address rather than submitting the step.
                if (e.key === "Enter") {
                  e.preventDefault();
                  void applyOverride();
                }
              }}
              data-testid="input-zone-override"
            />
            <button
              type="button"
              class="btn"
              disabled={overrideText.trim() === ""}
              onClick={() => void applyOverride()}
              data-testid="btn-zone-override-apply"
            >
              Use this address
            </button>
          </div>
          <p id="zone-override-help" class="field-msg">
            Log into Autotask in your browser and copy the address from the address bar. It starts with https://ww
            followed by a number.
          </p>
          {overrideError && <ErrorPanel error={overrideError} testId="zone-override-error" />}
        </div>
      )}
    </StepFrame>
  );
}
