// The lines of a connection test as they arrive: running, passed, warning or failed, with the fix for each.
import type { CheckItem, CheckStatus } from "../bindings.gen";

const ICONS: Record<CheckStatus, string> = {
  running: "",
  ok: "✓",
  warning: "!",
  missing: "✗",
  restricted: "✗",
  failed: "✗",
  skipped: "–",
};

export const STATUS_WORDS: Record<CheckStatus, string> = {
  running: "checking",
  ok: "passed",
  warning: "warning",
  missing: "missing",
  restricted: "not enough access",
  failed: "failed",
  skipped: "skipped",
};

export function isProblem(status: CheckStatus): boolean {
  return status === "missing" || status === "restricted" || status === "failed";
}

function tone(status: CheckStatus): string {
  if (status === "ok") return "good";
  if (status === "warning") return "warn";
  if (isProblem(status)) return "bad";
  return "neutral";
}

export function CheckList({ items }: { items: CheckItem[] }) {
  return (
    <ul class="checklist" data-testid="check-list">
      {items.map((item) => (
        <li
          key={item.id}
          class={`check-item tone-${tone(item.status)}`}
          data-testid={`check-item-${item.id}`}
          data-status={item.status}
        >
          <span class="check-icon" aria-hidden="true">
            {item.status === "running" ? <span class="spinner spinner-small" /> : ICONS[item.status]}
          </span>
          <div class="check-body">
            <p class="check-label">
              {item.label}
              <span class="sr-only">: {STATUS_WORDS[item.status]}</span>
            </p>
            {item.message && <p class="check-message">{item.message}</p>}
            {(isProblem(item.status) || item.status === "warning") && item.fix && (
              <p class="check-fix" data-testid={`check-fix-${item.id}`}>
                <strong>What to do: </strong>
                {item.fix}
              </p>
            )}
            {(isProblem(item.status) || item.status === "warning") &&
              item.guideStep &&
              // A fix that already spells out the path needs no second copy of it.
              !(item.fix ?? "").includes(item.guideStep) && (
              <p class="check-where" data-testid={`check-where-${item.id}`}>
                <span class="where-label">Where to change it: </span>
                <span class="menu-path">{item.guideStep}</span>
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
