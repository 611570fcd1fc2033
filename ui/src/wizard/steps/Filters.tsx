// Step 7: what the integration may sync, picked from the partner's own picklists, with a live count.
import { useEffect, useRef, useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import { PicklistGroup } from "../../components/PicklistGroup";
import { Spinner } from "../../components/Spinner";
import { locationKey, preview } from "../psaCalls";
import { StepFrame } from "../StepFrame";
import { FILTER_GROUPS, toFilterSet } from "../filters";
import { useOperation } from "../useOperation";
import type { StepProps } from "../types";
import { countOf } from "../../format";

/** How long the boxes must stay still before the count is asked for. */
export const PREVIEW_DEBOUNCE_MS = 300;

const plural = countOf;

export function Filters({ state, dispatch }: StepProps) {
  const op = useOperation();
  const [counting, setCounting] = useState(false);
  const [error, setError] = useState<PsaError | null>(null);
  const [retry, setRetry] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const picklists = state.report?.picklists;
  const filterKey = JSON.stringify(state.selection);

  // Without filters for this integration there is nothing to count; the step only says so.
  const applies = state.template?.filters !== false;

  useEffect(() => {
    if (locationKey(state) === null || !applies) return undefined;
    const filters = toFilterSet(state.selection, state.psa);
    timer.current = setTimeout(async () => {
      timer.current = null;
      setCounting(true);
      setError(null);
      const r = await op.run((opId) => preview(state, filters, opId) ?? Promise.reject(new Error("no location")));
      if (r === undefined) return; // a newer count replaced this one
      setCounting(false);
      if ("value" in r) dispatch({ type: "previewLoaded", preview: r.value });
      else if ((r.error as PsaError).code !== "cancelled") setError(r.error as PsaError);
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [filterKey, locationKey(state), retry, applies]);

  function cancel() {
    op.cancel();
    setCounting(false);
  }

  if (!applies) {
    return (
      <StepFrame id="filters" title="What should the integration sync?" dispatch={dispatch}>
        <p class="note" data-testid="filters-not-applicable">
          {state.template?.name ?? "This integration"} doesn't use these filters, so there is nothing to pick
          here. Continue to the summary.
        </p>
      </StepFrame>
    );
  }

  const cw = state.psa === "connectwise";
  const groups = FILTER_GROUPS.filter(
    (g) => !(g.optional && (picklists?.[g.key]?.length ?? 0) === 0) && !(cw && g.autotaskOnly),
  );
  // The groups the vendor's guide says it reads; the others are PSA Connect's own extras.
  const honoured = state.template?.vendorFilters ?? [];
  const vendor = state.template?.vendor ?? "The vendor";
  const honouredLabels = FILTER_GROUPS.filter((g) => honoured.includes(g.key)).map((g) => g.label.toLowerCase());

  return (
    <StepFrame
      id="filters"
      title="What should the integration sync?"
      intro="Tick the values to include. A list with nothing ticked doesn't narrow anything down."
      dispatch={dispatch}
    >
      {honoured.length > 0 && (
        <p class="note" data-testid="filters-vendor-honours">
          {vendor} itself reads {honouredLabels.join(", ")}. Groups marked as extra are offered by PSA Connect
          only; {vendor} does not read them.
        </p>
      )}
      <div class="preview" aria-live="polite" data-testid="preview">
        {counting ? (
          <Spinner label="Counting companies and contacts…" onCancel={cancel} testId="preview-counting" />
        ) : state.preview ? (
          <>
            <p class="preview-count" data-testid="preview-count">
              These filters select{" "}
              <strong data-testid="preview-companies">{plural(state.preview.companies, "company", "companies")}</strong>{" "}
              and{" "}
              <strong
                data-testid="preview-contacts"
                data-lower-bound={String(state.preview.contactsLowerBound)}
                data-estimated={String(state.preview.contactsEstimated !== undefined)}
              >
                {state.preview.contactsLowerBound ? "at least " : state.preview.contactsEstimated ? "about " : ""}
                {plural(state.preview.contacts, "contact", "contacts")}
              </strong>
              .
            </p>
            {state.preview.contactsEstimated && (
              <p class="muted" data-testid="preview-estimate">
                The contact count is an estimate: contacts were counted for the first{" "}
                {state.preview.contactsEstimated.sampledCompanies.toLocaleString("en-US")} selected companies (
                {state.preview.contactsEstimated.sampledContacts.toLocaleString("en-US")} contacts) and scaled to all{" "}
                {state.preview.companies.toLocaleString("en-US")}.
              </p>
            )}
            {state.preview.sample.length > 0 && (
              <p class="muted" data-testid="preview-sample">
                For example: {state.preview.sample.join(", ")}
                {state.preview.companies > state.preview.sample.length ? ", …" : ""}
              </p>
            )}
          </>
        ) : null}
        {error && !counting && (
          <ErrorPanel error={error}>
            <button type="button" class="btn" onClick={() => setRetry(retry + 1)} data-testid="btn-preview-retry">
              Count again
            </button>
          </ErrorPanel>
        )}
      </div>

      {!picklists ? (
        <p class="note" data-testid="picklists-missing">
          The connection test didn't bring back your picklists, so there is nothing to pick from. Go back and
          test again, or continue without filters.
        </p>
      ) : (
        <div class="picklists">
          {groups.map((g) => (
            <PicklistGroup
              key={g.key}
              id={g.key}
              label={g.label}
              values={picklists[g.key] ?? []}
              psaName={cw ? "ConnectWise" : "Autotask"}
              selected={state.selection[g.key]}
              onToggle={(value) => dispatch({ type: "toggleFilter", group: g.key, value })}
              onClear={() => dispatch({ type: "clearFilterGroup", group: g.key })}
              note={
                honoured.length > 0 && !honoured.includes(g.key)
                  ? `Extra: offered by PSA Connect; ${vendor} does not read this group.`
                  : undefined
              }
            />
          ))}
        </div>
      )}
    </StepFrame>
  );
}
