// Which screen the window shows: the home screen when connections are saved, else the wizard.
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Profile, ProfileWarning } from "./bindings.gen";
import * as ipc from "./ipc";
import { SaveContext } from "./profiles/context";
import { Home } from "./profiles/Home";
import type { WizardState } from "./wizard/state";
import { resumeState } from "./wizard/resume";
import { Wizard } from "./wizard/Wizard";

type View = "loading" | "home" | "wizard";

/** `initialWizard` starts the first wizard run part-way through (tests); later runs start from the beginning. */
export function App({ initialWizard }: { initialWizard?: WizardState } = {}) {
  const [view, setView] = useState<View>("loading");
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [wizardRun, setWizardRun] = useState(0);
  const [templateNames, setTemplateNames] = useState<Record<string, string>>({});
  const [saveWarnings, setSaveWarnings] = useState<ProfileWarning[]>([]);
  const [resumed, setResumed] = useState<WizardState | undefined>(undefined);

  /** Opens a saved connection in the wizard. Its secret goes from the keychain into the session when the
   * keychain has it; otherwise (an imported profile) the wizard opens on the secret step. */
  const edit = async (p: Profile) => {
    const template = await ipc.templateGet(p.template);
    const secretHeld = await ipc.profileOpen(p.id).then(
      () => true,
      () => false,
    );
    setResumed(resumeState(p, template, { secretHeld, editing: { id: p.id, name: p.name } }));
    setSaveWarnings([]);
    setWizardRun((n) => n + 1);
    setView("wizard");
  };

  /** Reloads the list; `pick` decides the screen from it (start-up only). */
  const reload = (pick = false) =>
    ipc.profilesList().then(
      (list) => {
        setProfiles(list);
        if (pick) setView(list.length > 0 ? "home" : "wizard");
      },
      // No readable profile file: the wizard still works; saving will show the store's own error.
      () => {
        if (pick) setView("wizard");
      },
    );

  useEffect(() => {
    void reload(true);
    // Names only make the list friendlier; without them the ids are shown.
    ipc.templatesList().then(
      (list) => setTemplateNames(Object.fromEntries(list.map((t) => [t.id, t.name]))),
      () => undefined,
    );
  }, []);

  const saveHandler = useMemo(
    () => ({
      onSaved: (_profile: Profile, warnings: ProfileWarning[]) => {
        setSaveWarnings(warnings);
        void reload().then(() => setView("home"));
      },
    }),
    [],
  );

  if (view === "loading") return <div class="app" aria-busy="true" />;
  if (view === "home") {
    return (
      <div class="app">
        <header class="app-header">
          <span class="app-name">PSA Connect</span>
        </header>
        <main class="app-main">
          <Home
            profiles={profiles}
            templateNames={templateNames}
            saveWarnings={saveWarnings}
            onDismissWarnings={() => setSaveWarnings([])}
            onChanged={() => void reload()}
            onEdit={edit}
            onNew={() => {
              setResumed(undefined);
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
        key={wizardRun}
        initial={wizardRun === 0 ? initialWizard : resumed}
        onHome={profiles.length > 0 ? () => setView("home") : undefined}
      />
    </SaveContext.Provider>
  );
}
