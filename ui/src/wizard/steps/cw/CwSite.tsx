// Step 5 for ConnectWise: ask the chosen site which codebase and API address the company uses
// (`login/companyinfo`, no keys needed). Changing the site or company ID is done on step 3.
import { useEffect, useState } from "preact/hooks";
import type { PsaError } from "../../../bindings.gen";
import { ErrorPanel } from "../../../components/ErrorPanel";
import { Spinner } from "../../../components/Spinner";
import * as ipc from "../../../ipc";
import { StepFrame } from "../../StepFrame";
import { normaliseCompanyId, normaliseCwSite, siteCurrent, siteKey } from "../../state";
import { useOperation } from "../../useOperation";
import type { StepProps } from "../../types";

const INPUT_CODES = new Set(["cw_unknown_company", "invalid_input", "url_not_allowed", "cw_wrong_host"]);

export function CwSite({ state, dispatch }: StepProps) {
  const op = useOperation();
  const [detecting, setDetecting] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);
  const have = siteCurrent(state) && state.site !== null;

  async function detect() {
    setDetecting(true);
    setStopped(false);
    setError(null);
    const key = siteKey(state);
    const r = await op.run((opId) => ipc.cwDetectSite(normaliseCwSite(state.cwSite), normaliseCompanyId(state.companyId), opId));
    if (r === undefined) return;
    setDetecting(false);
    if ("value" in r) dispatch({ type: "siteFound", site: r.value, forKey: key });
    else if ((r.error as PsaError).code === "cancelled") setStopped(true);
    else setError(r.error as PsaError);
  }

  function cancel() {
    op.cancel();
    setDetecting(false);
    setStopped(true);
  }

  useEffect(() => {
    if (!siteCurrent(state)) void detect();
  }, []);

  const site = state.site;
  return (
    <StepFrame
      id="zone"
      title="Your ConnectWise site"
      intro="ConnectWise runs each company on a particular version (codebase) and API address. PSA Connect asks your site for them."
      dispatch={dispatch}
      nextDisabled={!have || detecting}
    >
      {detecting && <Spinner label="Asking ConnectWise about your company…" onCancel={cancel} testId="site-detecting" />}

      {have && site && !detecting && (
        <dl class="facts" data-testid="site-result" data-cloud={site.isCloud}>
          {site.companyName && (
            <>
              <dt>Company</dt>
              <dd data-testid="site-company">{site.companyName}</dd>
            </>
          )}
          <dt>Login site</dt>
          <dd data-testid="site-web-url">{site.webUrl}</dd>
          <dt>Hosting</dt>
          <dd data-testid="site-hosting">{site.isCloud ? "ConnectWise cloud" : "Self-hosted"}</dd>
          <dt>Version</dt>
          <dd data-testid="site-codebase">{site.codebase.replace(/\/$/, "")}</dd>
          <dt>API address</dt>
          <dd data-testid="site-api-url" class="small">
            {site.apiUrl}
          </dd>
        </dl>
      )}

      {stopped && !detecting && !have && (
        <p class="note" data-testid="site-stopped">
          The site check stopped. Start it again when you are ready.
        </p>
      )}

      {error && !detecting && (
        <ErrorPanel error={error}>
          {INPUT_CODES.has(error.code) && (
            <button
              type="button"
              class="btn"
              onClick={() => dispatch({ type: "goTo", step: "username" })}
              data-testid="btn-fix-site"
            >
              Check the site and company ID
            </button>
          )}
        </ErrorPanel>
      )}

      <div class="zone-actions">
        {!detecting && (
          <button type="button" class="btn" onClick={() => void detect()} data-testid="btn-site-detect">
            {have || error || stopped ? "Check again" : "Check my site"}
          </button>
        )}
        <button
          type="button"
          class="btn-link"
          onClick={() => dispatch({ type: "goTo", step: "username" })}
          data-testid="btn-site-change"
        >
          Not my site?
        </button>
      </div>
    </StepFrame>
  );
}
