// Step 2: what to do in Autotask before PSA Connect can connect: the checklist, the access table and the
// tracking identifier, all from the chosen template.
import { useState } from "preact/hooks";
import type { AutotaskZone, PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import * as ipc from "../../ipc";
import { type Access, BUILTIN_CUSTOM, type Template } from "../../templates";
import { StepFrame } from "../StepFrame";
import { zoneCurrent } from "../state";
import type { StepProps } from "../types";

const ACCESS_COLUMNS: { key: Access; label: string }[] = [
  { key: "view", label: "View" },
  { key: "add", label: "Add" },
  { key: "edit", label: "Edit" },
  { key: "delete", label: "Delete" },
];

/** The partner's own Autotask page for the template, on the web host of their zone. */
export function adminUrl(zone: AutotaskZone, template: Template): string {
  const base = zone.webUrl.endsWith("/") ? zone.webUrl : `${zone.webUrl}/`;
  return new URL(template.adminPath ?? "", base).toString();
}

export function ApiUserSetup({ state, dispatch }: StepProps) {
  const t = state.template ?? BUILTIN_CUSTOM;
  const [openError, setOpenError] = useState<PsaError | null>(null);
  const done = state.checklist.filter(Boolean).length;

  async function openAutotask() {
    if (!state.zone) return;
    setOpenError(null);
    try {
      await ipc.openExternal(adminUrl(state.zone, t));
    } catch (e) {
      setOpenError(e as PsaError);
    }
  }

  return (
    <StepFrame
      id="apiUser"
      title="Create the API user in Autotask"
      intro={`${t.name} connects through its own API user. Do these steps in Autotask, ticking each one off as you go. If the user already exists, check it against this list.`}
      dispatch={dispatch}
    >
      <div class="open-autotask">
        {zoneCurrent(state) && state.zone ? (
          <button type="button" class="btn" onClick={() => void openAutotask()} data-testid="btn-open-autotask">
            Open my Autotask in the browser
          </button>
        ) : (
          <p class="muted" data-testid="open-autotask-later">
            Log into Autotask in your browser as usual. Once PSA Connect has found your zone (step 5), a button
            here opens your own Autotask directly.
          </p>
        )}
        {openError && <ErrorPanel error={openError} />}
      </div>

      <section aria-labelledby="setup-steps-title">
        <h2 id="setup-steps-title">
          Steps <span class="muted small">({done} of {t.steps.length} ticked)</span>
        </h2>
        <ol class="todo" data-testid="setup-steps">
          {t.steps.map((s, i) => (
            <li key={i} class={state.checklist[i] ? "todo-done" : ""}>
              <label>
                <input
                  type="checkbox"
                  checked={state.checklist[i] === true}
                  onChange={() => dispatch({ type: "toggleChecklist", index: i })}
                  data-testid={`setup-step-${i}`}
                />
                <span class="todo-text">
                  <span class="todo-title">{s.title}</span>
                  {s.menuPath && <span class="menu-path">{s.menuPath}</span>}
                  {s.detail && <span class="todo-detail">{s.detail}</span>}
                </span>
              </label>
            </li>
          ))}
        </ol>
      </section>

      {t.securityLevel && (
        <section aria-labelledby="security-level-title">
          <h2 id="security-level-title">Security level</h2>
          <p>
            Start from a copy of <strong>{t.securityLevel.startFrom}</strong>
            {t.securityLevel.changes.length > 0 ? ", then:" : "."}
          </p>
          {t.securityLevel.changes.length > 0 && (
            <ul class="plain-list">
              {t.securityLevel.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {t.permissions.length > 0 && (
        <section aria-labelledby="permissions-title">
          <h2 id="permissions-title">Access the API user needs</h2>
          <table class="permissions" data-testid="permission-table">
            <thead>
              <tr>
                <th scope="col">What</th>
                {ACCESS_COLUMNS.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.permissions.map((p) => (
                <tr key={p.entity}>
                  <th scope="row">
                    {p.entity}
                    {p.note && <span class="muted small block">{p.note}</span>}
                  </th>
                  {ACCESS_COLUMNS.map((c) => {
                    const needed = p.access.includes(c.key);
                    return (
                      <td key={c.key} class={needed ? "yes" : "no"}>
                        <span aria-hidden="true">{needed ? "✓" : "—"}</span>
                        <span class="sr-only">{needed ? "needed" : "not needed"}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="tracking-title" data-testid="tracking-identifier">
        <h2 id="tracking-title">API tracking identifier</h2>
        {t.trackingIdentifier?.kind === "vendor" && t.trackingIdentifier.vendorName ? (
          <p>
            Choose <strong>Integration Vendor</strong>, then pick{" "}
            <strong data-testid="tracking-vendor-name">{t.trackingIdentifier.vendorName}</strong> from the list.
            Autotask doesn't let you change this later.
          </p>
        ) : (
          <p>
            Choose <strong>Custom (Internal Integration)</strong>. Autotask then shows an identifier: copy it, you
            will paste it on the Secret step. Autotask doesn't let you change this later.
          </p>
        )}
      </section>
    </StepFrame>
  );
}
