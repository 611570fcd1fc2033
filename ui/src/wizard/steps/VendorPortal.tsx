// The last step, "Enter it in <vendor>": the vendor portal's own form, in its words and order, with a Copy
// button per value. The page never holds the secret: the Rust side works out every value, writes it to the
// clipboard itself, and clears a copied secret again after a while. What comes back here for a secret is
// a placeholder.
import { Fragment } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { PortalCopied, PortalLine, PortalView, PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { Spinner } from "../../components/Spinner";
import * as ipc from "../../ipc";
import { SaveContext } from "../../profiles/context";
import { StepFrame } from "../StepFrame";
import type { StepProps } from "../types";

/** The confirmation after a copy. */
export function copiedText(line: PortalLine, c: PortalCopied): string {
  if (!c.secret) return `Copied “${line.label}”. Paste it into the vendor's form.`;
  return (
    `Copied “${line.label}” (it holds the secret). PSA Connect takes it off the clipboard in ` +
    `${c.clearsAfterSecs} seconds unless you copy something else first.`
  );
}

/** The sentence about the secret and the clipboard, shown whenever the form has a secret in it. */
export function clearNote(view: PortalView): string {
  return (
    `Values that hold the secret are never shown here: Copy takes them from this session's memory or from ` +
    `the keychain and puts them straight on the clipboard. ${clearAfterText(view.clearAfterSecs)}`
  );
}

export const clearAfterText = (secs: number): string =>
  `After ${secs} seconds PSA Connect clears the clipboard again, unless you have copied something else in the meantime.`;

export function VendorPortal({ state, dispatch }: StepProps) {
  const saver = useContext(SaveContext);
  const [view, setView] = useState<PortalView | null>(null);
  const [loadError, setLoadError] = useState<PsaError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [copyError, setCopyError] = useState<PsaError | null>(null);
  const templateId = state.template?.id ?? state.templateId;
  const vendor = state.template?.vendor ?? "the vendor";
  const hasPortal = state.psa === "connectwise" ? !!state.template?.portal?.connectwise : !!state.template?.portal?.autotask;

  // The login, the zone or site and the secret are the session's; the page names only the template.
  useEffect(() => {
    if (!templateId || !hasPortal) return;
    ipc.portalView(templateId).then(setView, (e) => setLoadError(e as PsaError));
  }, [templateId, hasPortal]);

  const copy = async (line: PortalLine) => {
    if (!templateId || !line.value) return;
    setCopyError(null);
    setCopied(null);
    try {
      const c = await ipc.portalCopy(templateId, line.value);
      setCopied(copiedText(line, c));
    } catch (e) {
      setCopyError(e as PsaError);
    }
  };

  const finish = saver?.onFinished;
  return (
    <StepFrame
      id="vendor"
      title={`Enter it in ${vendor}`}
      intro={
        view
          ? `Last step: open ${view.portal} and fill in its form in the order below. Copy puts each value on the clipboard.`
          : `Last step: enter the connection in ${vendor}.`
      }
      dispatch={dispatch}
      nextLabel="Done"
      hideNext={!finish}
      onNext={() => finish?.()}
    >
      <p class="note" data-testid="vendor-saved">
        {state.savedAs
          ? `Saved as “${state.savedAs}”. The secret is in this computer's keychain.`
          : "Not saved yet: go back to the summary to save the connection, or carry on without saving."}
      </p>

      {!hasPortal && (
        <p class="note" data-testid="portal-none">
          {state.template?.name ?? "This integration"} has no vendor portal form PSA Connect knows about. Enter the
          username, the secret and the {state.psa === "connectwise" ? "site" : "zone"} from the summary wherever your
          own tool asks for them.
        </p>
      )}
      {loadError && <ErrorPanel error={loadError} testId="portal-error" />}
      {hasPortal && !view && !loadError && <Spinner label="Preparing the vendor's form…" testId="portal-loading" />}

      {view && (
        <>
          <dl class="facts">
            <dt>Where</dt>
            <dd data-testid="portal-menu-path">{view.menuPath}</dd>
          </dl>
          <ol class="portal-form" data-testid="portal-form">
            {view.lines.map((line) => (
              <li key={line.position} class="portal-line" data-testid={`portal-line-${line.position}`}>
                <div class="portal-label">
                  {line.value ? line.label : <strong>{line.label}</strong>}
                </div>
                {line.value && (
                  <div class="input-with-button portal-value-row">
                    <code
                      class={`portal-value${line.secret ? " portal-secret" : ""}`}
                      data-testid={`portal-value-${line.value}`}
                    >
                      {line.display}
                    </code>
                    <button
                      type="button"
                      class="btn"
                      data-testid={`btn-copy-${line.value}`}
                      onClick={() => void copy(line)}
                    >
                      Copy
                    </button>
                  </div>
                )}
                {line.note && <p class="muted portal-note">{line.note}</p>}
              </li>
            ))}
          </ol>
          <p class="muted" aria-live="polite" data-testid="portal-copied">
            {copied ?? ""}
          </p>
          {copyError && <ErrorPanel error={copyError} testId="portal-copy-error" />}
          {view.lines.some((l) => l.secret) && (
            <p class="note" data-testid="portal-clear-note">
              {clearNote(view)}
            </p>
          )}
          {(state.template?.settings.length ?? 0) > 0 && (
            <>
              <h2>Your answers to {vendor}'s settings</h2>
              <dl class="facts" data-testid="portal-settings">
                {state.template!.settings.map((f) => {
                  const v = state.settings[f.id] ?? f.default ?? "";
                  const label = f.options.find((o) => o.value === v)?.label ?? (v || "Not chosen");
                  return (
                    <Fragment key={f.id}>
                      <dt>{f.label}</dt>
                      <dd data-testid={`portal-setting-${f.id}`}>{label}</dd>
                    </Fragment>
                  );
                })}
              </dl>
            </>
          )}
          {view.success && (
            <p class="check-summary tone-good" data-testid="portal-success">
              When it works, {view.portal} shows “{view.success}”.
            </p>
          )}
          {view.later.length > 0 && (
            <>
              <h2>Then</h2>
              <ol class="plain-list portal-later" data-testid="portal-later">
                {view.later.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </StepFrame>
  );
}
