// The home screen: saved connections with their health, and what can be done to each.
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { CheckItem, HandoffDraft, Profile, ProfileWarning, PsaError, RecheckResult } from "../bindings.gen";
import { SupportPanel } from "../support/SupportPanel";
import { CheckList } from "../components/CheckList";
import { ErrorPanel } from "../components/ErrorPanel";
import * as ipc from "../ipc";
import { firstScreenShown, markInteractive } from "../startup";
import { healthLabel, healthOf } from "./health";
import { useKeychainError } from "./keychainCheck";
import { RetestAll } from "./RetestAll";
import { Transfer } from "./Transfer";

interface Props {
  profiles: Profile[];
  onChanged: () => void;
  onNew: () => void;
  /** Opens a saved connection in the wizard (its secret, when the keychain has it, goes into the session). */
  onEdit?: (p: Profile) => Promise<void>;
  /** Continues in the wizard with a hand-off opened from the Support panel. */
  onHandoff?: (draft: HandoffDraft) => void;
  /** Template names by id, for display; unknown ids are shown as they are. */
  templateNames?: Record<string, string>;
  /** What the last save noticed but allowed (same database and username twice …); empty hides the panel. */
  saveWarnings?: ProfileWarning[];
  onDismissWarnings?: () => void;
}

export function Home({
  profiles,
  onChanged,
  onNew,
  onEdit,
  onHandoff,
  templateNames = {},
  saveWarnings = [],
  onDismissWarnings,
}: Props) {
  const keychainError = useKeychainError();
  const [rechecked, setRechecked] = useState<Record<string, RecheckResult>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    // Coming back from the wizard (Done, or Saved connections), focus goes to this screen's heading as it does
    // to a step's; at launch it stays where the page put it.
    if (firstScreenShown()) heading.current?.focus();
    markInteractive();
  }, []);

  return (
    <section class="home" data-testid="home-screen" aria-labelledby="home-heading">
      <div class="home-head">
        <h1 id="home-heading" tabIndex={-1} ref={heading}>
          Saved connections
        </h1>
        <button type="button" class="btn btn-primary" data-testid="btn-new-connection" onClick={onNew}>
          New connection
        </button>
      </div>
      <div class="home-tools">
        <RetestAll
          count={profiles.length}
          onResult={(r) => setRechecked((all) => (r === null ? {} : { ...all, [r.profileId]: r }))}
          onDone={onChanged}
        />
        <Transfer hasProfiles={profiles.length > 0} onChanged={onChanged} />
      </div>
      {keychainError && <ErrorPanel error={keychainError} testId="keychain-error" />}
      {saveWarnings.length > 0 && <SaveWarnings warnings={saveWarnings} onDismiss={onDismissWarnings} />}
      {profiles.length === 0 && (
        <p class="home-empty" data-testid="home-empty">
          No saved connections. Choose New connection to set one up.
        </p>
      )}
      <ul class="profile-list">
        {profiles.map((p) => (
          <ProfileRow
            key={p.id}
            profile={p}
            templateName={templateNames[p.template] ?? p.template}
            onChanged={onChanged}
            onEdit={onEdit}
            rechecked={rechecked[p.id]}
          />
        ))}
      </ul>
      <SupportPanel profiles={profiles} onHandoff={onHandoff} />
    </section>
  );
}

/** Who signs in, and where: the Autotask username and zone, or the ConnectWise company and site. */
function locationText(p: Profile): string {
  const c = p.connection;
  if (c.psa === "connectwise") {
    const where = c.site ? c.site.webUrl.replace(/^https?:\/\//, "") : "site not known";
    return `ConnectWise · ${c.companyId || "company not known"} · ${where}`;
  }
  return `${c.username} · ${c.zone ? c.zone.zoneName : "zone not known"}`;
}

/** Our sentence for the codes we know; the Rust message otherwise. */
function warningText(w: ProfileWarning): string {
  if (w.code === "same_tenant_and_user") {
    return `This connection signs into the same PSA database with the same API login as “${w.otherProfile}”. Both will share that login's limits; if that wasn't meant, delete or rename one of them.`;
  }
  return w.message;
}

function SaveWarnings({ warnings, onDismiss }: { warnings: ProfileWarning[]; onDismiss?: () => void }) {
  return (
    <div class="save-warnings" role="status" data-testid="save-warnings">
      <p class="save-warnings-title">Saved, with something to check:</p>
      <ul class="plain-list">
        {warnings.map((w, i) => (
          <li key={i} data-testid="save-warning" data-code={w.code}>
            {warningText(w)}
          </li>
        ))}
      </ul>
      {onDismiss && (
        <button type="button" class="btn btn-quiet" data-testid="btn-dismiss-save-warnings" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

type Mode = "idle" | "rename" | "duplicate" | "confirmDelete";

interface RowProps {
  profile: Profile;
  templateName: string;
  onChanged: () => void;
  onEdit?: (p: Profile) => Promise<void>;
  /** This profile's result from the running or last "Re-test all". */
  rechecked?: RecheckResult;
}

function ProfileRow({ profile: p, templateName, onChanged, onEdit, rechecked }: RowProps) {
  const [mode, setMode] = useState<Mode>("idle");
  const [newName, setNewName] = useState("");
  const [error, setError] = useState<PsaError | null>(null);
  const [busy, setBusy] = useState(false);
  const [items, setItems] = useState<CheckItem[] | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setMode("idle");
      onChanged();
    } catch (e) {
      setError(e as PsaError);
    } finally {
      setBusy(false);
    }
  };

  // Not through `act`: a successful edit leaves this screen, so there is no list to reload.
  const edit = async () => {
    if (!onEdit) return;
    setBusy(true);
    setError(null);
    try {
      await onEdit(p);
    } catch (e) {
      setError(e as PsaError);
      setBusy(false);
    }
  };

  const retest = () => {
    const lines: CheckItem[] = [];
    setItems([]);
    return act(async () => {
      const result = await ipc.profileRecheck(p.id, ipc.newOpId(), (item) => {
        const i = lines.findIndex((x) => x.id === item.id);
        if (i < 0) lines.push(item);
        else lines[i] = item;
        setItems([...lines]);
      });
      setItems(result.report.items.length > 0 ? result.report.items : [...lines]);
    });
  };

  const startNaming = (m: Mode, initial: string) => {
    setMode(m);
    setNewName(initial);
    setError(null);
  };

  const health = healthOf(p);
  return (
    <li class="profile-row" data-testid={`profile-row-${p.name}`}>
      <div class="profile-facts">
        <strong class="profile-name">{p.name}</strong>
        <span class={`badge badge-${health}`} data-testid="profile-health" data-health={health} title={p.lastCheck?.summary}>
          {healthLabel(p)}
        </span>
        <div class="profile-detail">
          {templateName} · {locationText(p)}
        </div>
      </div>
      <div class="profile-actions">
        <button type="button" class="btn btn-quiet" data-testid="btn-profile-retest" disabled={busy} onClick={retest}>
          Re-test
        </button>
        {onEdit && (
          <button type="button" class="btn btn-quiet" data-testid="btn-profile-edit" disabled={busy} onClick={() => void edit()}>
            Edit
          </button>
        )}
        <button type="button" class="btn btn-quiet" data-testid="btn-profile-duplicate" disabled={busy} onClick={() => startNaming("duplicate", `${p.name} (copy)`)}>
          Duplicate
        </button>
        <button type="button" class="btn btn-quiet" data-testid="btn-profile-rename" disabled={busy} onClick={() => startNaming("rename", p.name)}>
          Rename
        </button>
        <button type="button" class="btn btn-quiet" data-testid="btn-profile-delete" disabled={busy} onClick={() => { setMode("confirmDelete"); setError(null); }}>
          Delete
        </button>
      </div>
      {(mode === "rename" || mode === "duplicate") && (
        <form
          class="input-with-button"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => (mode === "rename" ? ipc.profileRename(p.id, newName) : ipc.profileDuplicate(p.id, newName)));
          }}
        >
          <label>
            {mode === "rename" ? "New name" : "Name of the copy"}
            <input data-testid="input-profile-new-name" value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />
          </label>
          <button type="submit" class="btn btn-primary" data-testid="btn-profile-name-ok" disabled={busy || newName.trim() === ""}>
            {mode === "rename" ? "Rename" : "Duplicate"}
          </button>
          <button type="button" class="btn" onClick={() => setMode("idle")}>
            Cancel
          </button>
        </form>
      )}
      {mode === "confirmDelete" && (
        <div class="confirm" role="alertdialog" aria-label={`Delete ${p.name}?`} data-testid="confirm-delete">
          <p>
            Delete “{p.name}”? Its secret is removed from this computer’s keychain too. The API user in the PSA is not
            changed.
          </p>
          <button type="button" class="btn btn-danger" data-testid="btn-confirm-delete" disabled={busy} onClick={() => act(() => ipc.profileDelete(p.id))}>
            Delete connection
          </button>
          <button type="button" class="btn btn-quiet" data-testid="btn-cancel-delete" onClick={() => setMode("idle")}>
            Keep it
          </button>
        </div>
      )}
      {rechecked && (
        <p class={`recheck-line recheck-${rechecked.ok ? "ok" : "failed"}`} data-testid="profile-recheck-line">
          {rechecked.summary}
        </p>
      )}
      {items && items.length > 0 && <CheckList items={items} />}
      {error && <ErrorPanel error={error} />}
    </li>
  );
}
