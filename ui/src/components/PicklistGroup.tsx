// One picklist as a group of checkboxes. Nothing ticked means the group does not narrow the selection.
import type { PicklistValue } from "../bindings.gen";
import { sortPicklist } from "../wizard/filters";

interface Props {
  id: string;
  label: string;
  values: PicklistValue[];
  selected: string[];
  onToggle: (value: string) => void;
  onClear: () => void;
  psaName?: string;
  /** A line under the heading, e.g. that the vendor does not read this group. */
  note?: string;
}

export function PicklistGroup({ id, label, values, selected, onToggle, onClear, psaName = "Autotask", note }: Props) {
  const sorted = sortPicklist(values);
  return (
    <fieldset class="picklist" data-testid={`picklist-${id}`}>
      <legend>{label}</legend>
      {note && (
        <p class="note picklist-extra" data-testid={`picklist-${id}-extra`}>
          {note}
        </p>
      )}
      {sorted.length === 0 ? (
        <p class="muted" data-testid={`picklist-${id}-empty`}>
          None set up in your {psaName}.
        </p>
      ) : (
        <>
          <p class="muted picklist-hint">
            {selected.length === 0 ? "Nothing ticked: all are included." : `${selected.length} ticked.`}
            {selected.length > 0 && (
              <>
                {" "}
                <button type="button" class="btn-link" onClick={onClear} data-testid={`picklist-${id}-clear`}>
                  Clear
                </button>
              </>
            )}
          </p>
          <ul class="picklist-values">
            {sorted.map((v) => (
              <li key={v.value}>
                <label class={v.isActive ? "" : "inactive"}>
                  <input
                    type="checkbox"
                    checked={selected.includes(v.value)}
                    onChange={() => onToggle(v.value)}
                    data-testid={`filter-${id}-${v.value}`}
                  />
                  <span>
                    {v.label}
                    {!v.isActive && <span class="muted"> (inactive)</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
