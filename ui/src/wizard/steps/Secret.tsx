// Step 4: the secret (and the tracking identifier when the template doesn't carry the vendor's code). The secret lives only in this component
// until Next hands it to Rust; then it is dropped and never shown again.
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
  integrationCodeRequired,
  normaliseCompanyId,
} from "../state";
import { CUSTOM_TEMPLATE_ID, cwClientId } from "../../templates";
import { checkIntegrationCode, normaliseUsername } from "../validation";
import type { StepProps } from "../types";

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
    await ipc.cwSetCredentials({ companyId, publicKey: username, privateKey: secret, clientId: integrationCode });
    return { username, integrationCode, companyId };
  }
  await ipc.setCredentials({ username, integrationCode, secret });
  return { username, integrationCode };
}

export function Secret({ state, dispatch }: StepProps) {
  const words = wording(state);
  // ConnectWise: a clientId field only for Custom (vendor templates send theirs, or PSA Connect's); it may stay empty.
  const askClientId =
    state.psa === "connectwise" && state.templateId === CUSTOM_TEMPLATE_ID && cwClientId(state.template) === undefined;
  const [secret, setSecret] = useState("");
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);
  const [codeTouched, setCodeTouched] = useState(state.integrationCode !== "");
  const secretInput = useRef<HTMLInputElement>(null);
  // Saving needs the keychain; finding out now beats finding out on the last screen. It never blocks this step.
  const keychainError = useKeychainError();

  const stored = credentialsCurrent(state);
  const needCode = integrationCodeRequired(state);
  const codeProblem = needCode ? checkIntegrationCode(state.integrationCode) : null;
  const staleSecret = state.credentials !== null && !stored;
  const tracking = state.template?.autotask?.trackingIdentifier;
  const vendorSupplies = tracking?.kind === "integration_vendor";
  const codeHelp = vendorSupplies
    ? `${state.template?.vendor || "The vendor"} supplies this code: PSA Connect doesn't know it. It is the integration code that goes with ${
        tracking?.vendorName ? `“${tracking.vendorName}”` : "their entry in Autotask's Integration Vendor list"
      }; ask them for it if you don't have it.`
    : "Autotask showed this identifier after you saved the API user with Custom (Internal Integration).";

  async function store() {
    if (stored) {
      dispatch({ type: "next" });
      return;
    }
    if (secret === "" || codeProblem) return;
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
      nextDisabled={busy || (!stored && (secret === "" || codeProblem !== null))}
      onNext={() => void store()}
    >
      {needCode && (
        <div class="field">
          <label for="input-integration-code">
            {vendorSupplies ? "Integration code (from the vendor)" : "API tracking identifier"}
          </label>
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
            data-testid="input-integration-code"
          />
          <p
            id="integration-code-help"
            class={codeTouched && codeProblem ? "field-msg field-error" : "field-msg"}
            data-testid="integration-code-message"
          >
            {codeTouched && codeProblem
              ? codeProblem
              : codeHelp}
          </p>
        </div>
      )}

      {askClientId && (
        <div class="field">
          <label for="input-client-id">clientId (optional)</label>
          <input
            id="input-client-id"
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={state.integrationCode}
            aria-describedby="client-id-help"
            onInput={(e) => dispatch({ type: "setIntegrationCode", value: e.currentTarget.value })}
            data-testid="input-client-id"
          />
          <p id="client-id-help" class="field-msg">
            The clientId your integration registered at developer.connectwise.com. Leave it empty to test with
            PSA Connect's own.
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

      {stored ? (
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
