// Step 1: which PSA, and which integration it is being connected to.
import { useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import * as ipc from "../../ipc";
import {
  BUILTIN_CUSTOM,
  CUSTOM_TEMPLATE_ID,
  type TemplateSummary,
  normaliseTemplate,
} from "../../templates";
import { StepFrame } from "../StepFrame";
import type { StepProps } from "../types";

/** What step 1 offers: the loaded list for the chosen PSA, or Custom when there is nothing to offer. */
export function offeredTemplates(list: TemplateSummary[], psa: string): TemplateSummary[] {
  const forPsa = list.filter((t) => t.psa === psa);
  return forPsa.length > 0 ? forPsa : [BUILTIN_CUSTOM];
}

export function ChooseIntegration({ state, dispatch }: StepProps) {
  const [loadError, setLoadError] = useState<PsaError | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const offered = offeredTemplates(state.templates, state.psa);
  const listFailed = state.templatesState === "failed";

  async function choose(t: TemplateSummary) {
    dispatch({ type: "chooseTemplate", id: t.id });
    setLoadError(null);
    // Without a list from the app there is nothing to ask it for: the built-in Custom is complete.
    if (listFailed || (t === BUILTIN_CUSTOM && state.templates.length === 0)) {
      dispatch({ type: "templateLoaded", template: BUILTIN_CUSTOM });
      return;
    }
    setLoadingId(t.id);
    try {
      dispatch({ type: "templateLoaded", template: normaliseTemplate(await ipc.templateGet(t.id)) });
    } catch (e) {
      setLoadError(e as PsaError);
      // The general Autotask steps still get the partner through; the panel says what is missing.
      const fallback = t.id === CUSTOM_TEMPLATE_ID ? BUILTIN_CUSTOM : normaliseTemplate({ ...t, steps: [] });
      dispatch({ type: "templateLoaded", template: fallback });
    } finally {
      setLoadingId(null);
    }
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
      <fieldset class="choice-group">
        <legend>Your PSA</legend>
        <label class="choice">
          <input
            type="radio"
            name="psa"
            value="autotask"
            checked={state.psa === "autotask"}
            onChange={() => dispatch({ type: "choosePsa", psa: "autotask" })}
            data-testid="psa-autotask"
          />
          <span class="choice-text">
            <span class="choice-name">Datto Autotask</span>
          </span>
        </label>
        <label class="choice disabled">
          <input type="radio" name="psa" value="connectwise" disabled data-testid="psa-connectwise" />
          <span class="choice-text">
            <span class="choice-name">ConnectWise Manage</span>
            <span class="badge">Coming soon</span>
          </span>
        </label>
      </fieldset>

      <fieldset class="choice-group" data-testid="integration-list">
        <legend>The integration</legend>
        {state.templatesState === "loading" ? (
          <Spinner label="Loading the integrations…" testId="templates-loading" />
        ) : (
          <>
            {listFailed && (
              <p class="muted" data-testid="templates-fallback-note">
                The list of integrations couldn't be loaded. You can still continue with Custom.
              </p>
            )}
            {offered.map((t) => (
              <label class="choice" key={t.id}>
                <input
                  type="radio"
                  name="integration"
                  value={t.id}
                  checked={state.templateId === t.id}
                  onChange={() => void choose(t)}
                  data-testid={`integration-${t.id}`}
                />
                <span class="choice-text">
                  <span class="choice-name">{t.name}</span>
                  {t.summary && <span class="choice-summary">{t.summary}</span>}
                </span>
              </label>
            ))}
          </>
        )}
      </fieldset>
      {loadingId && <Spinner label="Loading the setup steps…" testId="template-loading" />}
      {loadError && <ErrorPanel error={loadError} />}
    </StepFrame>
  );
}
