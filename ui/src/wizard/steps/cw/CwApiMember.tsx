// Step 2 for ConnectWise: create the API member, give it a security role, and make its API keys.
import type { Access, CwRoleRow } from "../../../bindings.gen";
import { cwSteps } from "../../../templates";
import { StepFrame } from "../../StepFrame";
import type { StepProps } from "../../types";
import { TemplateExtras, TemplateNotes } from "../ApiUserParts";
import { GuideChecklist } from "../GuideChecklist";

const LEVEL: Record<Access, { mark: string; text: string; cls: string }> = {
  required: { mark: "All", text: "Set to All", cls: "yes" },
  forbidden: { mark: "None", text: "Must be None", cls: "no forbidden" },
  optional: { mark: "–", text: "Your choice", cls: "no" },
};

const COLUMNS: { key: "inquire" | "add" | "edit" | "delete"; label: string }[] = [
  { key: "inquire", label: "Inquire" },
  { key: "add", label: "Add" },
  { key: "edit", label: "Edit" },
  { key: "delete", label: "Delete" },
];

function RoleTable({ rows }: { rows: CwRoleRow[] }) {
  return (
    <table class="permissions" data-testid="cw-role-table">
      <thead>
        <tr>
          <th scope="col">Module › function</th>
          {COLUMNS.map((c) => (
            <th scope="col" key={c.key}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.module}/${r.function}`} data-testid={`cw-role-${r.module}-${r.function}`}>
            <th scope="row">
              {r.module} › {r.function}
              {r.note && <span class="muted small block">{r.note}</span>}
            </th>
            {COLUMNS.map((c) => {
              const cell = LEVEL[r[c.key]];
              return (
                <td key={c.key} class={cell.cls} data-access={r[c.key]} title={cell.text}>
                  {cell.mark}
                  <span class="sr-only"> ({cell.text})</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CwApiMember({ state, dispatch }: StepProps) {
  const t = state.template;
  const cw = t?.connectwise;
  if (!t || !cw) {
    return (
      <StepFrame id="apiUser" title="Create the API member in ConnectWise" dispatch={dispatch} nextDisabled>
        <p class="note" data-testid="template-no-connectwise">
          {t?.name ?? "This integration"} has no ConnectWise setup in PSA Connect. Go back and choose another
          integration.
        </p>
      </StepFrame>
    );
  }
  const role = cw.securityRole;
  return (
    <StepFrame
      id="apiUser"
      title="Create the API member in ConnectWise"
      intro={`${t.name} signs in with the API keys of an API member: a ConnectWise member that exists only for integrations. Do these steps in ConnectWise Manage and tick each one off.`}
      dispatch={dispatch}
    >
      <GuideChecklist steps={cwSteps(t)} state={state} dispatch={dispatch} />

      <section aria-labelledby="cw-role-title" data-testid="cw-security-role">
        <h2 id="cw-role-title">Security role</h2>
        <p>
          In <span class="menu-path">{role.menuPath}</span>, give the API member's role these levels.
          {role.simpleChoice && (
            <>
              {" "}
              The built-in <strong data-testid="cw-simple-role">{role.simpleChoice}</strong> role also works if you
              would rather not make your own.
            </>
          )}
        </p>
        <RoleTable rows={role.modules} />
      </section>

      <section aria-labelledby="cw-keys-title">
        <h2 id="cw-keys-title">The API keys</h2>
        <p>
          ConnectWise shows the private key only once, right after the key is created. Keep the window open until
          PSA Connect has it (step 4), or create a new key if it is lost.
        </p>
      </section>

      <TemplateExtras extras={cw.extras} />

      <TemplateNotes notes={t.notes} />
    </StepFrame>
  );
}
