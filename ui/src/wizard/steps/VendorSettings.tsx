// The questions a vendor asks once the PSA is connected (from the template), answered before saving so a
// support agent can read them off the saved connection. A choice the guide gives no default for must be made.
import type { SettingField } from "../../bindings.gen";
import type { StepProps } from "../types";

/** Settings that still need an answer: choices without a default or a pick. */
export function missingSettings(fields: SettingField[], values: Record<string, string>): SettingField[] {
  return fields.filter((f) => f.kind === "choice" && (values[f.id] ?? f.default ?? "") === "");
}

/** The answers to save: the partner's, else the guide's defaults; numbers as numbers. */
export function settingValues(fields: SettingField[], values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (values[f.id] ?? f.default ?? "").trim();
    if (v === "") continue;
    out[f.id] = f.kind === "number" && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

export function VendorSettings({ state, dispatch }: StepProps) {
  const fields = state.template?.settings ?? [];
  if (fields.length === 0) return null;
  const value = (f: SettingField) => state.settings[f.id] ?? f.default ?? "";
  return (
    <section class="vendor-settings" aria-labelledby="vendor-settings-title" data-testid="vendor-settings">
      <h2 id="vendor-settings-title">{state.template?.vendor || "The vendor"}'s settings</h2>
      <p class="muted">The guide asks these when you finish the setup on the vendor's side; they are saved with the connection.</p>
      {fields.map((f) => (
        <div class="field" key={f.id}>
          <label for={`setting-${f.id}`}>{f.label}</label>
          {f.kind === "choice" ? (
            <select
              id={`setting-${f.id}`}
              value={value(f)}
              onChange={(e) => dispatch({ type: "setSetting", id: f.id, value: e.currentTarget.value })}
              data-testid={`setting-${f.id}`}
            >
              {value(f) === "" && <option value="">Choose…</option>}
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`setting-${f.id}`}
              // Preact types each input type apart; both take the same attributes here.
              type={(f.kind === "number" ? "number" : "text") as "text"}
              inputMode={f.kind === "number" ? "numeric" : undefined}
              value={value(f)}
              onInput={(e) => dispatch({ type: "setSetting", id: f.id, value: e.currentTarget.value })}
              data-testid={`setting-${f.id}`}
            />
          )}
          <p class="field-msg">{f.help}</p>
        </div>
      ))}
    </section>
  );
}
