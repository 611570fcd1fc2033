// Step 5 for ConnectWise: ask the chosen site which codebase and API address the company uses
// (`login/companyinfo`, no keys needed). Changing the site or company ID is done on step 3.
import { useEffect } from "preact/hooks";
import { Spinner } from "../../../components/Spinner";
import * as ipc from "../../../ipc";
import { StepFrame } from "../../StepFrame";
import { normaliseCompanyId, normaliseCwSite, siteCurrent, siteKey } from "../../state";
import type { StepProps } from "../../types";
import { DetectButton, DetectionError, useDetection } from "../parts/detection";

const INPUT_CODES = new Set(["cw_unknown_company", "invalid_input", "url_not_allowed", "cw_wrong_host"]);

export function CwSite({ state, dispatch }: StepProps) {
  const key = siteKey(state);
  const detection = useDetection(
    (opId) => ipc.connectwiseDetectSite(normaliseCwSite(state.cwSite), normaliseCompanyId(state.companyId), opId),
    (site) => dispatch({ type: "siteFound", site, forKey: key }),
  );
  const { detecting, stopped, cancel } = detection;
  const have = siteCurrent(state) && state.site !== null;

  useEffect(() => {
    if (!siteCurrent(state)) void detection.detect();
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

      <DetectionError detection={detection} fixCodes={INPUT_CODES} fixTestId="btn-fix-site" dispatch={dispatch}>
        Check the site and company ID
      </DetectionError>

      <div class="zone-actions">
        <DetectButton
          detection={detection}
          have={have}
          testId="btn-site-detect"
          first="Check my site"
          again="Check again"
        />
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
