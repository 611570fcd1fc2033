// Pieces of step 2 that render a template's data: the permission table, what the integration will be able to
// do, and the requirements and notes outside the table. The ConnectWise step uses the last two as well.
import type { Access, Extra, PermissionRow } from "../../bindings.gen";
import { capabilities, type Template } from "../../templates";

const ACCESS_COLUMNS: { key: "read" | "create" | "update" | "delete"; label: string }[] = [
  { key: "read", label: "Read" },
  { key: "create", label: "Create" },
  { key: "update", label: "Update" },
  { key: "delete", label: "Delete" },
];

const ACCESS_CELL: Record<Access, { mark: string; text: string; cls: string }> = {
  required: { mark: "✓", text: "Required", cls: "yes" },
  forbidden: { mark: "✗", text: "must not", cls: "no forbidden" },
  optional: { mark: "–", text: "Optional", cls: "no" },
};

const cellTestId = (entity: string, key: string) => `permission-${entity}-${key}`;

export function PermissionTable({ rows }: { rows: PermissionRow[] }) {
  return (
    <>
      <table class="permissions" data-testid="permission-table">
        <thead>
          <tr>
            <th scope="col">Where on the security level page</th>
            {ACCESS_COLUMNS.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.entity} data-testid={`permission-row-${p.entity}`}>
              <th scope="row">
                {p.label}
                <span class="muted small block">API entity: {p.entity}</span>
                {p.note && <span class="muted small block">{p.note}</span>}
              </th>
              {ACCESS_COLUMNS.map((c) => {
                const cell = ACCESS_CELL[p[c.key]];
                return (
                  <td
                    key={c.key}
                    class={cell.cls}
                    data-access={p[c.key]}
                    data-testid={cellTestId(p.entity, c.key)}
                  >
                    <span aria-hidden="true">{cell.mark}</span>{" "}
                    {p[c.key] === "forbidden" ? (
                      <span>{cell.text}</span>
                    ) : (
                      <span class="sr-only">{cell.text}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        ✓ Required: grant it. ✗ must not: leave it off (the test warns if it is granted). – Optional: the
        integration doesn't need it; grant it or not as you prefer.
      </p>
    </>
  );
}

/** The "what this integration will be able to do" panel, derived from the required access only. */
export function CapabilitiesPanel({ template }: { template: Template }) {
  const caps = capabilities(template);
  if (caps.length === 0) return null;
  const describe = (c: (typeof caps)[number]): string => {
    const parts = [c.read ? "read" : null, c.write ? "write" : null].filter(Boolean) as string[];
    const what = parts.length > 0 ? parts.join(" and ") : "no access needed";
    const del = c.delete ? "and delete" : c.neverDelete ? "never delete" : "no delete needed";
    return `${what}; ${del}`;
  };
  return (
    <section aria-labelledby="capabilities-title" class="note" data-testid="capabilities">
      <h2 id="capabilities-title">What {template.name} will be able to do</h2>
      <ul class="plain-list">
        {caps.map((c) => (
          <li
            key={c.entity}
            data-testid={`capability-${c.entity}`}
            data-read={String(c.read)}
            data-write={String(c.write)}
            data-delete={String(c.delete)}
          >
            <strong>{c.entity}</strong> ({c.label}): {describe(c)}
          </li>
        ))}
      </ul>
      {caps.every((c) => !c.delete) && (
        <p class="small" data-testid="capabilities-never-delete">
          It never needs to delete anything in your Autotask.
        </p>
      )}
    </section>
  );
}

function ExtraItem({ extra }: { extra: Extra }) {
  switch (extra.kind) {
    case "contact_must_exist":
      return (
        <>
          <strong>
            A contact “{extra.firstName} {extra.lastName}”
            {extra.email ? ` with the e-mail ${extra.email}` : ""} must exist.
          </strong>{" "}
          {extra.why} The connection test looks for it.
        </>
      );
    case "protected_udf_note":
      return (
        <>
          <strong>Protected user-defined fields on {extra.entity} won't come through.</strong> {extra.why}
        </>
      );
    case "manual_check":
      return (
        <>
          <strong>Confirm by hand:</strong> {extra.text} PSA Connect can't check this through the API.
        </>
      );
  }
}

export function TemplateExtras({ extras }: { extras: Extra[] }) {
  if (extras.length === 0) return null;
  return (
    <section aria-labelledby="extras-title" data-testid="template-extras">
      <h2 id="extras-title">Also needed</h2>
      <ul class="plain-list">
        {extras.map((e, i) => (
          <li key={i} data-testid={`extra-${i}`} data-kind={e.kind}>
            <ExtraItem extra={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TemplateNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby="notes-title" data-testid="template-notes">
      <h2 id="notes-title">Good to know</h2>
      <ul class="plain-list">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
