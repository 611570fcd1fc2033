// Step 1: which PSA, and which integration it is being connected to.
import { useLayoutEffect, useState } from "preact/hooks";
import type { Psa, PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import * as ipc from "../../ipc";
import { BUILTIN_CUSTOM, FALLBACK_SUMMARIES, type TemplateSummary, supportsPsa } from "../../templates";
import { markInteractive } from "../../startup";
import { usePackStatus } from "../../pack";
import { PSA_NAMES } from "../psaCalls";
import { vendorIdentifierMissing } from "../state";
import { StepFrame } from "../StepFrame";
import type { StepProps } from "../types";
import { RadioChoice } from "./parts/RadioChoice";
import { VendorIdentifierNeeded } from "./parts/VendorIdentifier";

const PSA_ORDER: Psa[] = ["autotask", "connectwise"];

/** Step 1's list: the app's templates that have a setup for this PSA, or the built-in Custom when the
 * app's list could not be loaded (or had nothing for this PSA). */
export function offeredTemplates(list: TemplateSummary[], psa: Psa): TemplateSummary[] {
  const forPsa = list.filter((t) => supportsPsa(t, psa));
  return forPsa.length > 0 ? forPsa : FALLBACK_SUMMARIES;
}

export function ChooseIntegration({ state, dispatch }: StepProps) {
  const [loadError, setLoadError] = useState<PsaError | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const pack = usePackStatus();
  const offered = offeredTemplates(state.templates, state.psa);
  // Empty is as unusable as failed: both mean the built-in stand-in is on screen, and the note says so.
  const usingFallback = state.templatesState !== "loading" && offered === FALLBACK_SUMMARIES;
  // As soon as the list is in the page (two frames later it has been painted: see startup.ts).
  useLayoutEffect(() => {
    if (state.templatesState !== "loading") markInteractive();
  }, [state.templatesState]);

  async function load(id: string) {
    setLoadError(null);
    // With no list from the app there is nothing to ask it for: the built-in Custom is all we have.
    if (usingFallback) {
      dispatch({ type: "templateLoaded", template: BUILTIN_CUSTOM });
      return;
    }
    setLoadingId(id);
    try {
      dispatch({ type: "templateLoaded", template: await ipc.templateGet(id) });
    } catch (e) {
      // No guessing at another vendor's steps: the partner retries or picks another integration.
      setLoadError(e as PsaError);
    } finally {
      setLoadingId(null);
    }
  }

  function choose(t: TemplateSummary) {
    dispatch({ type: "chooseTemplate", id: t.id });
    void load(t.id);
  }

  return (
    <StepFrame
      id="choose"
      title="What are you connecting?"
      intro="PSA Connect sets up the API user your integration needs, checks that it works, and picks what it may sync."
      dispatch={dispatch}
      hideBack
      nextDisabled={state.template === null || state.template.id !== state.templateId}
    >
      {pack.pack && (
        <p class="note" data-testid="pack-in-use">
          Set up for <strong data-testid="pack-vendor">{pack.pack.vendor}</strong>: PSA Connect uses{" "}
          {pack.pack.vendor}'s pack, so their integration's identifiers are filled in for you.
          {pack.pack.support ? ` ${pack.pack.support}` : ""}
        </p>
      )}
      {pack.error && <ErrorPanel error={pack.error} testId="pack-error" />}
      <fieldset class="choice-group">
        <legend>Your PSA</legend>
        {PSA_ORDER.map((psa) => (
          <RadioChoice
            key={psa}
            group="psa"
            value={psa}
            checked={state.psa === psa}
            onChange={() => dispatch({ type: "choosePsa", psa })}
            testId={`psa-${psa}`}
            label={PSA_NAMES[psa]}
          />
        ))}
      </fieldset>

      <fieldset class="choice-group" data-testid="integration-list">
        <legend>The integration</legend>
        {state.templatesState === "loading" ? (
          <Spinner label="Loading the integrations…" testId="templates-loading" />
        ) : (
          <>
            {usingFallback && (
              <p class="note" data-testid="templates-fallback-note">
                PSA Connect couldn't load its list of integrations, so only a basic built-in Custom setup is
                offered. If you are connecting a vendor's integration, restart PSA Connect and try again.
              </p>
            )}
            {offered.map((t) => (
              <RadioChoice
                key={t.id}
                group="integration"
                value={t.id}
                checked={state.templateId === t.id}
                onChange={() => choose(t)}
                testId={`integration-${t.id}`}
                label={t.name}
                detail={t.vendor !== t.name ? t.vendor : undefined}
                summary={t.description}
              />
            ))}
          </>
        )}
      </fieldset>
      {loadingId && <Spinner label="Loading the setup steps…" testId="template-loading" />}
      {state.template !== null && state.template.id === state.templateId && vendorIdentifierMissing(state) && (
        <VendorIdentifierNeeded state={state} />
      )}
      {loadError && (
        <ErrorPanel error={loadError}>
          {state.templateId && (
            <button
              type="button"
              class="btn"
              onClick={() => state.templateId && void load(state.templateId)}
              data-testid="btn-template-retry"
            >
              Try again
            </button>
          )}
        </ErrorPanel>
      )}
    </StepFrame>
  );
}
