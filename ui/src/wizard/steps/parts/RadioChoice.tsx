// One option of a `.choice-group` fieldset: a radio with a name, and optionally a small line beside it and a
// summary under it. Step 1 lists PSAs and integrations this way, the ConnectWise step 3 its login sites.
interface Props {
  /** The radio group (the input's name). */
  group: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  testId: string;
  label: string;
  /** Muted text beside the label: the vendor, or a site's host. */
  detail?: string;
  summary?: string;
}

export function RadioChoice({ group, value, checked, onChange, testId, label, detail, summary }: Props) {
  return (
    <label class="choice">
      <input type="radio" name={group} value={value} checked={checked} onChange={onChange} data-testid={testId} />
      <span class="choice-text">
        <span class="choice-name">{label}</span>
        {detail && <span class="choice-vendor muted small">{detail}</span>}
        {summary && <span class="choice-summary">{summary}</span>}
      </span>
    </label>
  );
}
