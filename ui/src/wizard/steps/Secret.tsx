// Step 4: the secret, and for Custom the partner's own identifier (tracking identifier or clientId). A vendor's
// identifier is never asked for: it comes from the vendor's pack or setup link, or the step says how to get one.
// The secret lives only in this component until Next hands it to Rust; then it is dropped and never shown again.
import { useRef, useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import * as ipc from "../../ipc";
import { useKeychainError } from "../../profiles/keychainCheck";
import { StepFrame } from "../StepFrame";
import {
  type StoredCredentials,
  type WizardState,
  credentialsCurrent,
  effectiveIntegrationCode,
  integrationCodeProblem,
  integrationCodeRequired,
  normaliseCompanyId,
  vendorIdentifierMissing,
} from "../state";
import { usePackStatus } from "../../pack";
import { normaliseUsername } from "../validation";
import type { StepProps } from "../types";
import { VendorIdentifierNeeded, VendorIdentifierSupplied } from "./parts/VendorIdentifier";

/** What this step says and asks, for each PSA. */
function wording(state: WizardState) {
  if (state.psa === "connectwise") {
    return {
      title: "The API member's private key",
      intro:
        "Paste the private key ConnectWise showed when the API key was created. PSA Connect keeps it in memory for this session only and never shows it again.",
      label: "Private key",
      stored: "Private key stored for this session.",
      replace: "Replace private key",
      help: "Pasting is fine. Lost it? ConnectWise can't show it again: add a new key on the API member's API Keys tab.",
      stale: "The site, company ID or public key changed since the private key was stored: paste it again.",
    };
  }
  return {
    title: "The API user's secret",
    intro:
      "Paste the secret Autotask generated for the API user (its “Password (Secret)” field). PSA Connect keeps it in memory for this session only and never shows it again.",
    label: "Secret",
    stored: "Secret stored for this session.",
    replace: "Replace secret",
    help: "Pasting is fine. Lost it? Open the API user in Autotask, click Generate Secret, and save.",
    stale: "The username or tracking identifier changed since the secret was stored: paste the secret again.",
  };
}

/** Hands the secret to Rust with the login details it belongs to; returns what the wizard remembers. */
async function handOver(state: WizardState, secret: string): Promise<StoredCredentials> {
  const username = normaliseUsername(state.username);
  const integrationCode = effectiveIntegrationCode(state);
  if (state.psa === "connectwise") {
    const companyId = normaliseCompanyId(state.companyId);
    await ipc.connectwiseSetCredentials({ companyId, publicKey: username, privateKey: secret, clientId: integrationCode });
    return { username, integrationCode, companyId };
  }
  await ipc.autotaskSetCredentials({ username, integrationCode, secret });
  return { username, integrationCode };
}

export function Secret({ state, dispatch }: StepProps) {
  const words = wording(state);
  const [secret, setSecret] = useState("");
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);
  const [codeTouched, setCodeTouched] = useState(state.integrationCode !== "");
  const secretInput = useRef<HTMLInputElement>(null);
  // Saving needs the keychain; finding out now beats finding out on the last screen. It never blocks this step.
  const keychainError = useKeychainError();
  const pack = usePackStatus().pack ?? null;

  const stored = credentialsCurrent(state);
  const needCode = integrationCodeRequired(state);
  const codeProblem = integrationCodeProblem(state);
  const missing = vendorIdentifierMissing(state);
  const staleSecret = state.credentials !== null && !stored;
  const cw = state.psa === "connectwise";
  const codeLabel = cw ? "Your integration's clientId" : "Your Custom tracking identifier";
  const codeHelp = cw
    ? "ConnectWise gives a clientId to each integration registered at developer.connectwise.com (ClientID): sign in there, register your integration, and paste its clientId (a GUID)."
    : "Autotask shows it on the API user after you save it with API Tracking Identifier = Custom (Internal Integration): open the API user again and copy the 27-character identifier.";

  async function store() {
    if (stored) {
      dispatch({ type: "next" });
      return;
    }
    if (secret === "" || codeProblem || missing) return;
    setBusy(true);
    setError(null);
    try {
      const credentials = await handOver(state, secret);
      dispatch({ type: "credentialsStored", credentials });
      dispatch({ type: "next" });
    } catch (e) {
      setError(e as PsaError);
    } finally {
      // Whatever happened, the UI lets go of the secret: a retry means pasting it again.
      setSecret("");
      if (secretInput.current) secretInput.current.value = "";
      setBusy(false);
    }
  }

  return (
    <StepFrame
      id="secret"
      title={words.title}
      intro={words.intro}
      dispatch={dispatch}
      nextDisabled={busy || missing || (!stored && (secret === "" || codeProblem !== null))}
      onNext={() => void store()}
    >
      {missing && <VendorIdentifierNeeded state={state} />}
      {!missing && !needCode && <VendorIdentifierSupplied state={state} pack={pack} />}

      {needCode && (
        <div class="field">
          <label for="input-integration-code">{codeLabel}</label>
          <input
            id="input-integration-code"
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={state.integrationCode}
            aria-invalid={codeTouched && codeProblem !== null}
            aria-describedby="integration-code-help"
            onInput={(e) => dispatch({ type: "setIntegrationCode", value: e.currentTarget.value })}
            onBlur={() => setCodeTouched(true)}
            data-testid={cw ? "input-client-id" : "input-integration-code"}
          />
          <p
            id="integration-code-help"
            class={codeTouched && codeProblem ? "field-msg field-error" : "field-msg"}
            data-testid="integration-code-message"
          >
            {codeTouched && codeProblem ? codeProblem : codeHelp}
          </p>
        </div>
      )}

      {keychainError && (
        <ErrorPanel error={keychainError} testId="keychain-warning">
          <p data-testid="keychain-warning-note">
            You can still go on and test the connection, but PSA Connect can't save it until the keychain works.
          </p>
        </ErrorPanel>
      )}

      {missing ? null : stored ? (
        <div class="stored" data-testid="secret-stored">
          <p>
            <span class="ok-mark" aria-hidden="true">
              ✓
            </span>{" "}
            {words.stored}
          </p>
          <button
            type="button"
            class="btn"
            onClick={() => dispatch({ type: "replaceSecret" })}
            data-testid="btn-replace-secret"
          >
            {words.replace}
          </button>
        </div>
      ) : (
        <div class="field">
          <label for="input-secret">{words.label}</label>
          <div class="input-with-button">
            <input
              id="input-secret"
              ref={secretInput}
              // Preact's input typings pair each type with its own attributes; both types take the same ones here.
              type={(shown ? "text" : "password") as "password"}
              autoComplete="off"
              spellcheck={false}
              value={secret}
              aria-describedby="secret-help"
              onInput={(e) => setSecret(e.currentTarget.value)}
              data-testid="input-secret"
            />
            <button
              type="button"
              class="btn"
              aria-pressed={shown}
              aria-controls="input-secret"
              onClick={() => setShown(!shown)}
              data-testid="btn-toggle-secret"
            >
              {shown ? "Hide" : "Show"}
            </button>
          </div>
          <p id="secret-help" class="field-msg">
            {staleSecret ? words.stale : words.help}
          </p>
        </div>
      )}
      {busy && <Spinner label="Handing the secret over…" testId="secret-busy" />}
      {error && <ErrorPanel error={error} />}
    </StepFrame>
  );
}
