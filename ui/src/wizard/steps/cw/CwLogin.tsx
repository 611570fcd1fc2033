// Step 3 for ConnectWise: where the partner logs in (a cloud region or their own server), the company ID they
// type at the login screen, and the API member's public key. None of these is secret.
import { useState } from "preact/hooks";
import { StepFrame } from "../../StepFrame";
import { credentialsCurrent, cwLoginComplete } from "../../state";
import type { StepProps } from "../../types";
import { RadioChoice } from "../parts/RadioChoice";
import { CW_REGIONS, isCloudRegion } from "./regions";

interface KeyFieldProps {
  /** The input's id, which is also its test id. */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  help: string;
}

/** Company IDs and keys are typed exactly as ConnectWise shows them, so the browser must not "correct" them. */
function KeyField({ id, label, value, onInput, help }: KeyFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        data-testid={id}
      />
      <p class="field-msg">{help}</p>
    </div>
  );
}

export function CwLogin({ state, dispatch }: StepProps) {
  const selfHosted = !isCloudRegion(state.cwSite);
  const [host, setHost] = useState(selfHosted ? state.cwSite : "");
  const keysChanged = state.credentials !== null && cwLoginComplete(state) && !credentialsCurrent(state);

  return (
    <StepFrame
      id="username"
      title="Your ConnectWise site and API keys"
      intro="Tell PSA Connect where you log into ConnectWise Manage and paste the API member's public key."
      dispatch={dispatch}
      nextDisabled={!cwLoginComplete(state)}
    >
      <fieldset class="choice-group" data-testid="cw-site-choice">
        <legend>Where you log in</legend>
        {CW_REGIONS.map((r) => (
          <RadioChoice
            key={r.id}
            group="cw-site"
            value={r.id}
            checked={state.cwSite === r.id}
            onChange={() => dispatch({ type: "setCwSite", value: r.id })}
            testId={`cw-region-${r.id}`}
            label={r.label}
            detail={r.host}
          />
        ))}
        <RadioChoice
          group="cw-site"
          value="self"
          checked={selfHosted}
          onChange={() => dispatch({ type: "setCwSite", value: host })}
          testId="cw-region-self"
          label="My own server (self-hosted)"
          summary="The address of your ConnectWise Manage server, for example https://cw.yourcompany.com"
        />
        {selfHosted && (
          <div class="field">
            <label for="input-cw-host">Server address</label>
            <input
              id="input-cw-host"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="https://cw.yourcompany.com"
              value={host}
              onInput={(e) => {
                setHost(e.currentTarget.value);
                dispatch({ type: "setCwSite", value: e.currentTarget.value.trim() });
              }}
              data-testid="input-cw-host"
            />
            <p class="field-msg">Only https addresses are used, so the keys never travel unencrypted.</p>
          </div>
        )}
      </fieldset>

      <KeyField
        id="input-company-id"
        label="Company ID"
        value={state.companyId}
        onInput={(value) => dispatch({ type: "setCompanyId", value })}
        help="The company name you type on the ConnectWise login screen, above your username."
      />

      <KeyField
        id="input-public-key"
        label="Public key"
        value={state.username}
        onInput={(value) => dispatch({ type: "setUsername", value: value.trim() })}
        help="From the API member's API Keys tab. The private key comes on the next step."
      />

      {keysChanged && (
        <p class="note" data-testid="cw-keys-changed-note">
          These details differ from the ones the private key was stored with, so the next step asks for it again.
        </p>
      )}
    </StepFrame>
  );
}
