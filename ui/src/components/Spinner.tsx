// A visible "working…" line for anything that waits on the network, with a way out.
interface Props {
  label: string;
  onCancel?: () => void;
  cancelLabel?: string;
  testId?: string;
}

export function Spinner({ label, onCancel, cancelLabel = "Cancel", testId = "spinner" }: Props) {
  return (
    <div class="spinner-row" role="status" data-testid={testId}>
      <span class="spinner" aria-hidden="true" />
      <span class="spinner-label">{label}</span>
      {onCancel && (
        <button type="button" class="btn btn-quiet" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}
