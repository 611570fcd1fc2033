// Export every saved connection to a file, and import one: no secret travels either way. An import whose
// names clash with saved ones asks, per name, whether to skip, import as a copy or replace.
import { useRef, useState } from "preact/hooks";
import type { ClashChoice, ImportReport, PsaError } from "../bindings.gen";
import { ErrorPanel } from "../components/ErrorPanel";
import * as ipc from "../ipc";

const CHOICES: { value: ClashChoice; label: string }[] = [
  { value: "skip", label: "Keep mine, skip the imported one" },
  { value: "rename", label: "Import it as a copy" },
  { value: "replace", label: "Replace mine with the imported one" },
];

export function Transfer({ hasProfiles, onChanged }: { hasProfiles: boolean; onChanged: () => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);
  const [written, setWritten] = useState<ipc.ExportWritten | null>(null);
  const [pending, setPending] = useState<{ text: string; clashes: string[] } | null>(null);
  const [choices, setChoices] = useState<Record<string, ClashChoice>>({});
  const [report, setReport] = useState<ImportReport | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e as PsaError);
    } finally {
      setBusy(false);
    }
  };

  const exportAll = () =>
    run(async () => {
      setReport(null);
      setWritten(await ipc.profilesExport());
    });

  const importText = (text: string, picked: Record<string, ClashChoice>) =>
    run(async () => {
      const r = await ipc.profilesImport(text, { choices: picked });
      if (r.clashes.length > 0) {
        setPending({ text, clashes: r.clashes });
        setChoices(Object.fromEntries(r.clashes.map((n) => [n, picked[n] ?? "rename"])));
        return;
      }
      setPending(null);
      setReport(r);
      onChanged();
    });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setWritten(null);
    setReport(null);
    const text = await file.text();
    if (fileInput.current) fileInput.current.value = "";
    await importText(text, {});
  };

  return (
    <div class="transfer" data-testid="transfer">
      <div class="row">
        <button type="button" class="btn" data-testid="btn-export-all" disabled={busy || !hasProfiles} onClick={() => void exportAll()}>
          Export all
        </button>
        <label class="btn file-button">
          Import…
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            class="sr-only"
            data-testid="input-import-file"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>

      {written && (
        <p class="note" role="status" data-testid="export-written">
          Exported {written.count} connection{written.count === 1 ? "" : "s"} to <code>{written.path}</code>. The file
          holds no secrets: whoever imports it enters each one again.{" "}
          <button type="button" class="btn-link" data-testid="btn-reveal-export" onClick={() => void run(() => ipc.revealPath(written.path))}>
            Show in folder
          </button>
        </p>
      )}

      {pending && (
        <form
          class="clashes"
          data-testid="import-clashes"
          onSubmit={(e) => {
            e.preventDefault();
            void importText(pending.text, choices);
          }}
        >
          <p>These names are already saved. What should happen to each?</p>
          {pending.clashes.map((name) => (
            <fieldset key={name} class="choice-group" data-testid={`clash-${name}`}>
              <legend>{name}</legend>
              {CHOICES.map((c) => (
                <label class="choice" key={c.value}>
                  <input
                    type="radio"
                    name={`clash-${name}`}
                    checked={choices[name] === c.value}
                    onChange={() => setChoices({ ...choices, [name]: c.value })}
                    data-testid={`clash-${name}-${c.value}`}
                  />
                  <span class="choice-text">{c.label}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <div class="row">
            <button type="submit" class="btn btn-primary" data-testid="btn-import-go" disabled={busy}>
              Import
            </button>
            <button type="button" class="btn btn-quiet" data-testid="btn-import-cancel" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}

      {report && (
        <div class="note" role="status" data-testid="import-report">
          <p>
            Imported {report.imported.length} connection{report.imported.length === 1 ? "" : "s"}
            {report.skipped.length > 0 ? `, skipped ${report.skipped.length}` : ""}.
            {report.imported.some((p) => p.needsSecret) &&
              " Use Edit on each one to enter its secret and test it; until then it can't connect."}
          </p>
        </div>
      )}

      {error && <ErrorPanel error={error} testId="transfer-error" />}
    </div>
  );
}
