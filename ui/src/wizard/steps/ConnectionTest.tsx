// Step 6: the live connection test. Lines appear as the engine runs them; red ones say what to change.
import { useEffect, useState } from "preact/hooks";
import type { CheckItem, CheckReport, PsaError } from "../../bindings.gen";
import { CheckList, STATUS_WORDS } from "../../components/CheckList";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import { PSA_NAMES, runCheck } from "../psaCalls";
import { StepFrame } from "../StepFrame";
import { checkPassed, credentialsCurrent, isComplete, reportCurrent } from "../state";
import { useOperation } from "../useOperation";
import type { StepProps } from "../types";
import { formatCount } from "../../format";

// Which earlier step fixes which error, for both PSAs.
const SECRET_CODES = new Set(["auth_wrong_secret", "auth_integration_code_invalid", "cw_bad_keys", "cw_client_id_missing"]);
const USERNAME_CODES = new Set(["zone_unknown_user", "invalid_username", "auth_not_api_user", "cw_bad_keys"]);
const ZONE_CODES = new Set(["auth_zone_moved", "zone_lookup_failed", "cw_unknown_company", "cw_wrong_host"]);

function announce(item: CheckItem): string {
  return `${item.label}: ${STATUS_WORDS[item.status]}.${item.message ? ` ${item.message}` : ""}`;
}

function summaryText(r: CheckReport, psaName: string): string {
  const problems = r.items.filter((i) => ["missing", "restricted", "failed"].includes(i.status)).length;
  const warnings = r.items.filter((i) => i.status === "warning").length;
  if (checkPassed(r)) {
    return warnings > 0
      ? `The connection works, with ${warnings} warning${warnings === 1 ? "" : "s"} worth a look.`
      : "Everything checks out: the connection works.";
  }
  if (problems > 0) return `${problems} thing${problems === 1 ? "" : "s"} to fix in ${psaName}, then test again.`;
  // Not passed with nothing failing: the sign-in was unclear and no line read live data.
  if (!r.error && warnings > 0)
    return `Nothing could be proven: ${psaName} refused without saying why. Confirm the warnings by hand, then test again.`;
  return "The connection test didn't pass.";
}

export function ConnectionTest({ state, dispatch }: StepProps) {
  const op = useOperation();
  const [error, setError] = useState<PsaError | null>(null);
  const [stopped, setStopped] = useState(false);
  const [liveText, setLiveText] = useState("");
  const cw = state.psa === "connectwise";
  const psaName = cw ? "ConnectWise" : PSA_NAMES.autotask.replace("Datto ", "");

  async function run() {
    setError(null);
    setStopped(false);
    setLiveText("Connection test started.");
    dispatch({ type: "checkStarted" });
    const r = await op.run((opId) =>
      runCheck(state, opId, (item) => {
        dispatch({ type: "checkItem", item });
        if (item.status !== "running") setLiveText(announce(item));
      }),
    );
    if (r === undefined) return;
    if ("value" in r) {
      dispatch({ type: "checkFinished", report: r.value });
      setLiveText(`Connection test finished. ${summaryText(r.value, psaName)}`);
      if (r.value.error) setError(r.value.error);
    } else {
      dispatch({ type: "checkStopped" });
      const e = r.error as PsaError;
      if (e.code === "cancelled") {
        setStopped(true);
        setLiveText("Connection test stopped.");
      } else {
        setError(e);
        setLiveText("The connection test could not run.");
      }
    }
  }

  function cancel() {
    op.cancel();
    dispatch({ type: "checkStopped" });
    setStopped(true);
    setLiveText("Connection test stopped.");
  }

  useEffect(() => {
    if (!reportCurrent(state)) void run();
    else if (state.report?.error) setError(state.report.error);
    // A running test belongs to this screen: leaving it stops the test (useOperation cancels on unmount).
    return () => dispatch({ type: "checkStopped" });
  }, []);

  const report = reportCurrent(state) ? state.report : null;

  return (
    <StepFrame
      id="check"
      title="Connection test"
      intro={`PSA Connect signs in as the ${cw ? "API member" : "API user"} and checks each permission the integration needs, without changing anything in ${psaName}.`}
      dispatch={dispatch}
      nextDisabled={!isComplete(state, "check")}
    >
      <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="check-live">
        {liveText}
      </div>

      {state.checkRunning && <Spinner label="Testing the connection…" onCancel={cancel} testId="check-running" />}

      <CheckList items={state.checkItems} />

      {report && (
        <p
          class={`check-summary ${checkPassed(report) ? "tone-good" : "tone-bad"}`}
          data-testid="check-summary"
          data-ok={checkPassed(report)}
        >
          {summaryText(report, psaName)}
        </p>
      )}

      {report?.threshold && (
        <p class="muted" data-testid="check-threshold">
          {/* Grouped like the engine's own budget line above it (psa_core::report::thousands), whatever the locale. */}
          API budget: {formatCount(report.threshold.used)} of {formatCount(report.threshold.limit)} requests
          used in the last {report.threshold.timeframeMinutes} minutes.
        </p>
      )}

      {stopped && !state.checkRunning && (
        <p class="note" data-testid="check-stopped">
          The test was stopped before it finished.
        </p>
      )}

      {error && !state.checkRunning && (
        <ErrorPanel error={error}>
          {SECRET_CODES.has(error.code) && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                dispatch({ type: "replaceSecret" });
                dispatch({ type: "goTo", step: "secret" });
              }}
              data-testid="btn-fix-secret"
            >
              {cw ? "Enter the private key again" : "Enter the secret again"}
            </button>
          )}
          {USERNAME_CODES.has(error.code) && (
            <button
              type="button"
              class="btn"
              onClick={() => dispatch({ type: "goTo", step: "username" })}
              data-testid="btn-fix-username"
            >
              {cw ? "Check the company ID and public key" : "Check the username"}
            </button>
          )}
          {ZONE_CODES.has(error.code) && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                dispatch({ type: cw ? "siteCleared" : "zoneCleared" });
                dispatch({ type: "goTo", step: "zone" });
              }}
              data-testid="btn-fix-zone"
            >
              {cw ? "Check the site" : "Find the zone again"}
            </button>
          )}
        </ErrorPanel>
      )}

      {!state.checkRunning && (
        <div class="row">
          <button type="button" class="btn" onClick={() => void run()} data-testid="btn-test-again">
            Test again
          </button>
          {report && !checkPassed(report) && credentialsCurrent(state) && (
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => {
                dispatch({ type: "acceptFailedCheck" });
                dispatch({ type: "goTo", step: "filters" });
              }}
              data-testid="btn-continue-anyway"
            >
              Continue without a passing test
            </button>
          )}
        </div>
      )}
    </StepFrame>
  );
}
