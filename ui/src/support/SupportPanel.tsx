// The Support panel: a diagnostic report of a saved connection (copy or save it for support), the log
// folder, and opening a hand-off a support agent prepared. Nothing shown here can contain the secret: the
// report and the hand-off are built and checked in Rust.
import { useRef, useState } from "preact/hooks";
import type { DiagnosticReport, HandoffDraft, Profile, PsaError } from "../bindings.gen";
import { ErrorPanel } from "../components/ErrorPanel";
import * as ipc from "../ipc";
import { describeDraft, readHandoffFile, readHandoffText } from "./handoff";
import "./support.css";

interface Props {
  profiles: Profile[];
  /** Called with a checked hand-off when the user chooses to continue in the wizard. */
  onHandoff?: (draft: HandoffDraft) => void;
}

/** Copies text, with the old execCommand path for webviews without the async clipboard. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // fall through: some webviews refuse the async clipboard outside a secure context
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand?.("copy") ?? false;
  area.remove();
  if (!ok) throw new Error("the clipboard is not available");
}

export function SupportPanel({ profiles, onHandoff }: Props) {
  const [profileId, setProfileId] = useState<string>(profiles[0]?.id ?? "");
  const [busy, setBusy] = useState<string | null>(null);
  const [linesDone, setLinesDone] = useState(0);
  const [error, setError] = useState<PsaError | null>(null);
  const [report, setReport] = useState<DiagnosticReport | null>(null);
  const [text, setText] = useState("");
  const [copied, setCopied] = useState(false);
  const [savedPath, setSavedPath] = useState<string | null>(null);
  const [logDir, setLogDir] = useState<string | null>(null);
  const [draft, setDraft] = useState<HandoffDraft | null>(null);
  const [link, setLink] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(ipc.toPsaError(e));
    } finally {
      setBusy(null);
    }
  };

  const diagnose = () =>
    run("diagnose", async () => {
      setReport(null);
      setCopied(false);
      setSavedPath(null);
      setLinesDone(0);
      const d = await ipc.diagnoseProfile(profileId, ipc.newOpId(), (item) => {
        if (item.status !== "running") setLinesDone((n) => n + 1);
      });
      setText(d.text);
      setReport(d.report);
    });

  const copy = () =>
    run("copy", async () => {
      await copyText(text);
      setCopied(true);
    });

  // The app saves its own copy of the report just shown; nothing is sent back.
  const save = () => run("save", async () => setSavedPath(await ipc.diagnosticSave(false)));

  const openHandoff = (read: () => Promise<HandoffDraft>) =>
    run("handoff", async () => {
      setDraft(null);
      setDraft(await read());
    });

  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (fileInput.current) fileInput.current.value = "";
    void openHandoff(() => readHandoffFile(file));
  };

  return (
    <section class="support" data-testid="support-panel" aria-labelledby="support-title">
      <h2 id="support-title">Support</h2>

      <div class="support-block">
        <h3>Diagnostic report</h3>
        <p class="note">
          Tests a saved connection again and writes a report for your support contact: what was checked, where, and
          the result. It never contains your secret.
        </p>
        {profiles.length === 0 ? (
          <p class="note" data-testid="diag-no-profiles">Save a connection first; the report is made from a saved one.</p>
        ) : (
          <div class="row">
            <select
              aria-label="Connection to test"
              data-testid="diag-profile"
              value={profileId}
              onChange={(e) => setProfileId(e.currentTarget.value)}
            >
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="button" class="btn btn-primary" data-testid="btn-diagnose" disabled={busy !== null || !profileId} onClick={() => void diagnose()}>
              {busy === "diagnose" ? `Testing… (${linesDone} checks done)` : "Create report"}
            </button>
          </div>
        )}
        {report && (
          <div data-testid="diag-result">
            <p role="status" data-testid="diag-summary" data-ok={String(report.ok)}>
              {summaryLine(report)}
              {report.failingChecks.length > 0 && ` (failing: ${report.failingChecks.join(", ")})`}
            </p>
            {/* It scrolls: focusable, so the keyboard can scroll it too (axe: scrollable-region-focusable). */}
            <pre class="diag-text" data-testid="diag-text" tabIndex={0} role="region" aria-label="Diagnostic report">
              {text}
            </pre>
            <div class="row">
              <button type="button" class="btn" data-testid="btn-diag-copy" disabled={busy !== null} onClick={() => void copy()}>
                Copy to clipboard
              </button>
              <button type="button" class="btn" data-testid="btn-diag-save" disabled={busy !== null} onClick={() => void save()}>
                Save as file
              </button>
              {copied && (
                <span class="note" role="status" data-testid="diag-copied">
                  Copied. Paste it into your e-mail to support.
                </span>
              )}
            </div>
            {savedPath && (
              <p class="note" role="status" data-testid="diag-saved">
                Saved to <code>{savedPath}</code>.{" "}
                <button type="button" class="btn-link" data-testid="btn-diag-reveal" onClick={() => void run("reveal", () => ipc.revealPath(savedPath))}>
                  Show in folder
                </button>
              </p>
            )}
          </div>
        )}
      </div>

      <div class="support-block">
        <h3>Logs</h3>
        <div class="row">
          <button
            type="button"
            class="btn"
            data-testid="btn-log-folder"
            disabled={busy !== null}
            onClick={() => void run("logs", async () => setLogDir(await ipc.openLogFolder()))}
          >
            Show log folder
          </button>
          {logDir && (
            <span class="note" data-testid="log-folder">
              <code>{logDir}</code>
            </span>
          )}
        </div>
      </div>

      <div class="support-block">
        <h3>Hand-off from support</h3>
        <p class="note">
          Your support contact can prepare the connection for you. Open the file or link they sent; you only type the
          secret.
        </p>
        <div class="row">
          <label class="btn file-button">
            Open hand-off file…
            <input
              ref={fileInput}
              type="file"
              accept=".psaconnect,.json,application/json"
              class="sr-only"
              data-testid="input-handoff-file"
              disabled={busy !== null}
              onChange={(e) => onFile(e.currentTarget.files?.[0])}
            />
          </label>
        </div>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void openHandoff(() => readHandoffText(link));
          }}
        >
          <input
            type="text"
            aria-label="Hand-off link"
            placeholder="or paste a psa-connect:// link"
            data-testid="input-handoff-link"
            value={link}
            onInput={(e) => setLink(e.currentTarget.value)}
          />
          <button type="submit" class="btn" data-testid="btn-handoff-link" disabled={busy !== null || link.trim() === ""}>
            Open link
          </button>
        </form>
        {draft && (
          <div data-testid="handoff-draft">
            <dl class="handoff-rows">
              {describeDraft(draft).map(([label, value]) => (
                <div key={label} class="handoff-row">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {onHandoff && (
              <button type="button" class="btn btn-primary" data-testid="btn-handoff-use" onClick={() => onHandoff(draft)}>
                Continue in the wizard
              </button>
            )}
          </div>
        )}
      </div>

      {error && <ErrorPanel error={error} testId="support-error" />}
    </section>
  );
}

/** The report's verdict in one line. A summary that already says the connection works is not prefixed again. */
export function summaryLine(report: Pick<DiagnosticReport, "ok" | "summary">): string {
  if (report.ok && /^connection works\b/i.test(report.summary)) return report.summary;
  return `${report.ok ? "The connection works" : "The connection has problems"}: ${report.summary}`;
}
