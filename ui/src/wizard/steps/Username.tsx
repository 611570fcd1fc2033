// Step 3: the API user's username, checked as it is typed.
import { useState } from "preact/hooks";
import { StepFrame } from "../StepFrame";
import { credentialsCurrent } from "../state";
import { checkUsername } from "../validation";
import type { StepProps } from "../types";

export function Username({ state, dispatch }: StepProps) {
  const [touched, setTouched] = useState(state.username !== "");
  const check = checkUsername(state.username);
  const showProblem = !check.ok && (touched || state.username !== "");
  const secretWillBeAskedAgain = state.credentials !== null && check.ok && !credentialsCurrent(state);

  return (
    <StepFrame
      id="username"
      title="The API user's username"
      intro="Copy the username (Username (Key)) of the API user from Autotask and paste it here."
      dispatch={dispatch}
      nextDisabled={!check.ok}
    >
      <div class="field">
        <label for="input-username">Username</label>
        <input
          id="input-username"
          type="text"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          value={state.username}
          aria-invalid={showProblem}
          aria-describedby="username-help"
          onInput={(e) => {
            // Spaces pasted around a username are never part of it.
            const raw = e.currentTarget.value;
            const trimmed = raw.trim();
            if (trimmed !== raw) e.currentTarget.value = trimmed;
            dispatch({ type: "setUsername", value: trimmed });
          }}
          onBlur={() => setTouched(true)}
          data-testid="input-username"
        />
        <p
          id="username-help"
          class={showProblem ? "field-msg field-error" : check.ok ? "field-msg field-ok" : "field-msg"}
          data-testid="username-message"
          data-valid={check.ok}
        >
          {check.ok
            ? "✓ Looks like an API username."
            : showProblem
              ? check.message
              : "It looks like an e-mail address, for example api-sync@yourcompany.com."}
        </p>
      </div>
      {secretWillBeAskedAgain && (
        <p class="note" data-testid="username-changed-note">
          The username is different from the one the secret was stored with, so the next step asks for the secret
          again.
        </p>
      )}
    </StepFrame>
  );
}
