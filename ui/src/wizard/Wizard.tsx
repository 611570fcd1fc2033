// The wizard window: the step rail on the left, the current step on the right.
import type { ComponentChildren } from "preact";
import { useEffect, useReducer, useState } from "preact/hooks";
import type { AppInfo } from "../bindings.gen";
import { AppHeader } from "../components/AppHeader";
import { usePackStatus } from "../pack";
import { ProgressRail } from "../components/ProgressRail";
import { PsaContext } from "../components/psaContext";
import * as ipc from "../ipc";
import { normaliseSummaries, type TemplateSummary } from "../templates";
import { type WizardState, initialState, isComplete, isReachable, reducer, stepTitle } from "./state";
import { StepScreen, preloadOnFirstTouch } from "./screens";

interface WizardProps {
  initial?: WizardState;
  onHome?: () => void;
  /** A line above the steps, e.g. that support prepared this run. */
  notice?: string | null;
  /** The integrations, when the app already has them: step 1 then needs no spinner or request. */
  templates?: TemplateSummary[];
  /** Problems of the app as a whole (a hand-off, the saved connections), under the header and its notice. */
  banner?: ComponentChildren;
}

export function Wizard({ initial, onHome, notice, templates, banner }: WizardProps) {
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    const start = initial ?? initialState();
    return templates && start.templatesState === "loading" ? reducer(start, { type: "templatesLoaded", templates }) : start;
  });
  // From the start-up answers when the app gave them, so the first frame is not drawn again for the badge.
  const [info, setInfo] = useState<AppInfo | null>(() => ipc.appInfo.now() ?? null);

  useEffect(() => {
    if (state.templatesState === "loading") {
      ipc
        .templatesList()
        .then((raw) => dispatch({ type: "templatesLoaded", templates: normaliseSummaries(raw) }))
        .catch(() => dispatch({ type: "templatesFailed" }));
    }
    if (!info) ipc.appInfo().then(setInfo, () => setInfo(null));
    preloadOnFirstTouch();
  }, []);

  const pack = usePackStatus().pack;
  return (
    <div class="app">
      <AppHeader>
        {pack && (
          <span class="pack-badge" data-testid="header-pack" title={pack.file}>
            Set up for {pack.vendor}
          </span>
        )}
        {onHome && (
          <button type="button" class="btn-link" data-testid="btn-home" onClick={onHome}>
            Saved connections
          </button>
        )}
        {state.psa === "connectwise" && info?.connectwiseCloudUrl && (
          <span class="demo-badge" data-testid="demo-banner" title={info.connectwiseCloudUrl}>
            Demo mode: ConnectWise cloud sites go to {info.connectwiseCloudUrl}
          </span>
        )}
        {state.psa === "autotask" && info?.zoneLookupOverridden && (
          <span class="demo-badge" data-testid="demo-banner" title={info.zoneLookupUrl}>
            Demo mode: zone lookups go to {info.zoneLookupUrl}
          </span>
        )}
      </AppHeader>
      {notice && (
        <p class="notice-bar" role="status" data-testid="wizard-notice">
          {notice}
        </p>
      )}
      {banner}
      <div class="app-body">
        <ProgressRail
          current={state.step}
          titleOf={(s) => stepTitle(s, state.psa, state.template?.vendor)}
          isReachable={(s) => isReachable(state, s)}
          isComplete={(s) => isComplete(state, s)}
          onGo={(step) => dispatch({ type: "goTo", step })}
        />
        <main class="app-main">
          <PsaContext.Provider value={state.psa}>
            <StepScreen key={`${state.psa}-${state.step}`} psa={state.psa} step={state.step} state={state} dispatch={dispatch} />
          </PsaContext.Provider>
        </main>
      </div>
    </div>
  );
}
