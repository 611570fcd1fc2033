// Which screen the window shows: the home screen when connections are saved, else the wizard.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { HandoffDraft, Profile, ProfileWarning, PsaError } from "./bindings.gen";
import { AppHeader } from "./components/AppHeader";
import { ErrorPanel } from "./components/ErrorPanel";
import { loginOf } from "./connection";
import * as ipc from "./ipc";
import { SaveContext } from "./profiles/context";
import { Home } from "./profiles/Home";
import type { WizardState } from "./wizard/state";
import { normaliseSummaries, type TemplateSummary } from "./templates";
import { resumeState } from "./wizard/resume";
import { Wizard } from "./wizard/Wizard";
import { watchHandoffs } from "./support/handoff";

type View = "loading" | "home" | "wizard";

/** `initialWizard` starts the first wizard run part-way through (tests); later runs start from the beginning. */
export function App({ initialWizard }: { initialWizard?: WizardState } = {}) {
  // The app normally hands the page everything the first screen needs: that screen is then the first frame.
  const [first] = useState(() => {
    const answers = ipc.firstScreenAnswers();
    return answers && { profiles: answers.profiles, templates: normaliseSummaries(answers.templates) };
  });
  const [view, setView] = useState<View>(first ? (first.profiles.length > 0 ? "home" : "wizard") : "loading");
  const [profiles, setProfiles] = useState<Profile[]>(first?.profiles ?? []);
  const [wizardRun, setWizardRun] = useState(0);
  const [templates, setTemplates] = useState<TemplateSummary[] | undefined>(first?.templates);
  const [templateNames, setTemplateNames] = useState<Record<string, string>>(() => namesOf(templates ?? []));
  const [saveWarnings, setSaveWarnings] = useState<ProfileWarning[]>([]);
  const [resumed, setResumed] = useState<WizardState | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [handoffError, setHandoffError] = useState<PsaError | null>(null);
  // Saved connections that could not be read: said on whichever screen opens, never a silently empty list.
  const [profilesError, setProfilesError] = useState<PsaError | null>(() => ipc.takeProfilesError());
  // A hand-off decides the first screen: the profile list arriving later must not replace it.
  const handoffShown = useRef(false);

  /** Opens the wizard on what a support agent prepared: everything but the secret is filled in. */
  const openHandoff = async (draft: HandoffDraft) => {
    handoffShown.current = true;
    try {
      const template = await ipc.templateGet(draft.profile.template);
      // The app's session takes the hand-off's zone or site from its own copy: the test connects there.
      await ipc.handoffOpen();
      setResumed(resumeState(draft.profile, template, { secretHeld: false }));
      setNotice(
        `Prepared by your support contact for ${draft.templateName}. Check the details, type the ${
          loginOf(draft.profile.connection).trim() === "" ? "username and the secret" : "secret"
        } and press Next.` +
          (draft.secretHosts.length > 0 ? ` The secret will only be sent to ${draft.secretHosts.join(", ")}.` : ""),
      );
      setHandoffError(null);
      setSaveWarnings([]);
      setWizardRun((n) => n + 1);
      setView("wizard");
    } catch (e) {
      setHandoffError(e as PsaError);
    }
  };

  /** Opens a saved connection in the wizard. Its secret goes from the keychain into the session when the
   * keychain has it; otherwise (an imported profile) the wizard opens on the secret step. */
  const edit = async (p: Profile) => {
    const template = await ipc.templateGet(p.template);
    const secretHeld = await ipc.profileOpen(p.id).then(
      () => true,
      (e) => {
        // Only a secret the keychain does not have opens the wizard on the secret step. A locked keychain or a
        // connection removed meanwhile is said on its row: retyping a secret the keychain still holds would
        // tempt the partner to make a new one in the PSA, which breaks the integration that uses the old one.
        if ((e as PsaError).code === "keychain_entry_missing") return false;
        throw e;
      },
    );
    setResumed(resumeState(p, template, { secretHeld, editing: { id: p.id, name: p.name } }));
    setSaveWarnings([]);
    setWizardRun((n) => n + 1);
    setView("wizard");
  };

  /** Reloads the list; `pick` decides the screen from it (start-up only), once `before` has settled too. */
  const reload = (pick = false, before: Promise<unknown> = Promise.resolve()) =>
    ipc.profilesList().then(
      async (list) => {
        setProfiles(list);
        // A list read again clears a passing problem (a lock, a slow disk); a damaged file kept aside stays
        // said until dismissed, as the list that now shows is not the old one.
        setProfilesError((e) => (e?.code === "profile_store_corrupt" ? e : null));
        await before;
        if (pick && !handoffShown.current) setView(list.length > 0 ? "home" : "wizard");
      },
      // No readable profile file: the wizard still works, and the page says why the list is missing.
      async (e) => {
        setProfilesError(e as PsaError);
        await before;
        if (pick && !handoffShown.current) setView("wizard");
      },
    );

  useEffect(() => {
    // Without the app's answers (a reloaded page, or a profile list that could not be read) both lists are
    // asked for at once, and the screen is picked when both are in: the wizard then shows its list in its
    // first frame instead of a spinner and another round trip. Names only make the list friendlier; without
    // them the ids are shown.
    if (!first) {
      const listed = ipc.templatesList().then(
        (raw) => {
          const list = normaliseSummaries(raw);
          setTemplates(list);
          setTemplateNames(namesOf(list));
        },
        () => undefined,
      );
      void reload(true, listed);
    }
    let stop: (() => void) | undefined;
    void watchHandoffs({
      onDraft: (d) => void openHandoff(d),
      onError: (e) => setHandoffError(e),
    }).then((s) => {
      stop = s;
    }, () => undefined);
    return () => stop?.();
  }, []);

  const saveHandler = useMemo(
    () => ({
      // Saving leads on to the wizard's last step (what to type into the vendor's portal); the list behind it
      // is refreshed now so "Done" there shows the new connection at once.
      onSaved: (_profile: Profile, warnings: ProfileWarning[]) => {
        setSaveWarnings(warnings);
        void reload();
      },
      onFinished: () => {
        void reload().then(() => setView("home"));
      },
    }),
    [],
  );

  // The app's own problems, under the header of whichever screen is shown, each until dismissed.
  const problems = [
    { error: handoffError, testId: "handoff-error", dismiss: () => setHandoffError(null) },
    { error: profilesError, testId: "profiles-error", dismiss: () => setProfilesError(null) },
  ];
  const banner = (handoffError || profilesError) && (
    <div class="app-banner">
      {problems.map(
        ({ error, testId, dismiss }) =>
          error && (
            <ErrorPanel key={testId} error={error} testId={testId}>
              <button type="button" class="btn" data-testid={`${testId}-dismiss`} onClick={dismiss}>
                Dismiss
              </button>
            </ErrorPanel>
          ),
      )}
    </div>
  );

  // While the first answers are on their way (a reloaded page, an unreadable profile list) the header is
  // already drawn: the window is not blank, and WebKit's first text layout (loading the font) happens during
  // the wait instead of after it.
  if (view === "loading")
    return (
      <div class="app" aria-busy="true">
        <AppHeader />
      </div>
    );
  if (view === "home") {
    return (
      <div class="app">
        <AppHeader />
        {banner}
        <main class="app-main">
          <Home
            profiles={profiles}
            templateNames={templateNames}
            saveWarnings={saveWarnings}
            onDismissWarnings={() => setSaveWarnings([])}
            onChanged={() => void reload()}
            onEdit={edit}
            onHandoff={(d) => void openHandoff(d)}
            onNew={() => {
              setResumed(undefined);
              setNotice(null);
              setSaveWarnings([]);
              setWizardRun((n) => n + 1);
              setView("wizard");
            }}
          />
        </main>
      </div>
    );
  }
  return (
    <SaveContext.Provider value={saveHandler}>
      <Wizard
        banner={banner}
        key={wizardRun}
        notice={notice}
        initial={wizardRun === 0 ? initialWizard : resumed}
        templates={templates}
        onHome={profiles.length > 0 ? () => setView("home") : undefined}
      />
    </SaveContext.Provider>
  );
}

function namesOf(list: TemplateSummary[]): Record<string, string> {
  return Object.fromEntries(list.map((t) => [t.id, t.name]));
}
