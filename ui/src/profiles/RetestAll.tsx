// "Re-test all" on the home screen: every saved connection re-tested at once (the Rust side bounds how many
// run together), each result shown on its row as it comes, one summary line at the end; cancellable.
import { useState } from "preact/hooks";
import type { PsaError, RecheckResult, RecheckSummary } from "../bindings.gen";
import { ErrorPanel } from "../components/ErrorPanel";
import * as ipc from "../ipc";

interface Props {
  count: number;
  /** Each profile's result as it comes (keyed by profile id); `null` clears them when a new run starts. */
  onResult: (r: RecheckResult | null) => void;
  /** The run finished (the profiles' health was recorded): reload the list. */
  onDone: () => void;
}

export function RetestAll({ count, onResult, onDone }: Props) {
  const [opId, setOpId] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const [summary, setSummary] = useState<RecheckSummary | null>(null);
  const [error, setError] = useState<PsaError | null>(null);

  const start = async () => {
    const id = ipc.newOpId();
    setOpId(id);
    setDone(0);
    setSummary(null);
    setError(null);
    onResult(null);
    try {
      const s = await ipc.profilesRecheckAll(id, (e) => {
        if (e.kind === "result") {
          setDone((n) => n + 1);
          const { kind: _kind, ...result } = e;
          onResult(result);
        } else {
          const { kind: _kind, ...s } = e;
          setSummary(s);
        }
      });
      setSummary(s);
      onDone();
    } catch (e) {
      setError(e as PsaError);
    } finally {
      setOpId(null);
    }
  };

  if (count === 0) return null;
  return (
    <div class="retest-all" data-testid="retest-all">
      {opId === null ? (
        <button type="button" class="btn" data-testid="btn-retest-all" onClick={() => void start()}>
          Re-test all
        </button>
      ) : (
        <>
          <span role="status" data-testid="retest-all-progress">
            Re-testing… {done} of {count} done
          </span>{" "}
          <button type="button" class="btn btn-quiet" data-testid="btn-retest-all-cancel" onClick={() => void ipc.cancelOperation(opId)}>
            Cancel
          </button>
        </>
      )}
      {summary && opId === null && (
        <p class="retest-all-summary" role="status" data-testid="retest-all-summary">
          {summary.line}
        </p>
      )}
      {error && <ErrorPanel error={error} />}
    </div>
  );
}
