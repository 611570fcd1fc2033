// The Support panel and the hand-off delivery, with the Rust side mocked (mockIPC).
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DiagnosticReport, HandoffDraft, HandoffOpened, Profile, PsaError } from "../bindings.gen";
import { USERNAME, savedProfile } from "../test/fixtures";
import { ZONE, byTestId, channelSender, click, item, maybeTestId, mount, settle, typeInto, unmount } from "../test/helpers";
import { type Call, psaError } from "../test/ipcMock";
import { SupportPanel, summaryLine } from "./SupportPanel";
import { describeDraft, watchHandoffs } from "./handoff";
import pushedByTheApp from "./handoff-push.fixture.json";

afterEach(() => {
  unmount();
  clearMocks();
});

const PROFILE: Profile = savedProfile();


const REPORT: DiagnosticReport = {
  kind: "psa-connect-diagnostic",
  generatedAt: "2025-01-01T00:00:00Z",
  appVersion: "0.1.0",
  os: "linux",
  arch: "x86_64",
  profileName: "Contoso",
  template: "custom",
  connection: { psa: "autotask", username: USERNAME, integrationCode: "ABC", zone: ZONE },
  hosts: ["webservices14.autotask.net"],
  ok: false,
  summary: "1 check failed.",
  failingChecks: ["probe.contacts"],
  checks: [item("auth", "ok"), item("probe.contacts", "missing", { code: "permission_denied" })],
  requests: 7,
  elapsedMs: 321,
  logLines: ["INFO started"],
};

const DRAFT: HandoffDraft = {
  openStep: "secret",
  profile: {
    name: "Contoso",
    template: "custom",
    connection: { psa: "autotask", username: USERNAME, integrationCode: "ABC", zone: ZONE },
    filters: PROFILE.filters,
    settings: {},
    notes: "Ticket 4711",
  },
  templateName: "Custom integration",
  secretHosts: ["webservices14.autotask.net"],
};

const TEXT = "PSA Connect diagnostic report\nFailing:      probe.contacts\n";

function install(handler: (cmd: string, args: Record<string, unknown>) => unknown, events = false): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      return handler(cmd, args);
    },
    { shouldMockEvents: events },
  );
  return calls;
}

describe("diagnostic report", () => {
  it("tests the chosen profile, shows the report, copies and saves it", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const calls = install((cmd, args) => {
      if (cmd === "diagnose_profile") {
        const ch = channelSender(args.onItem);
        ch.send(item("auth", "running"));
        ch.send(item("auth", "ok"));
        return { report: REPORT, text: TEXT };
      }
      if (cmd === "diagnostic_save") return "/home/pat/Downloads/psa-connect-diagnostic-2025-01-01.txt";
      throw new Error(`unexpected ${cmd}`);
    });
    mount(<SupportPanel profiles={[PROFILE, { ...PROFILE, id: "p2", name: "Fabrikam" }]} />);
    act(() => {
      byTestId<HTMLSelectElement>("diag-profile").value = "p2";
      byTestId<HTMLSelectElement>("diag-profile").dispatchEvent(new Event("change", { bubbles: true }));
    });
    click("btn-diagnose");
    await settle();
    const diagnose = calls.find((c) => c.cmd === "diagnose_profile");
    expect(diagnose?.args.id).toBe("p2");
    expect(byTestId("diag-text").textContent).toBe(TEXT);
    expect(byTestId("diag-summary").dataset.ok).toBe("false");
    expect(byTestId("diag-summary").textContent).toContain("failing: probe.contacts");

    click("btn-diag-copy");
    await settle();
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(maybeTestId("diag-copied")).not.toBeNull();

    click("btn-diag-save");
    await settle();
    const saved = calls.find((c) => c.cmd === "diagnostic_save");
    // The app saves its own copy of the report: nothing is sent back.
    expect(saved?.args).toEqual({ json: false });
    expect(byTestId("diag-saved").textContent).toContain("psa-connect-diagnostic-2025-01-01.txt");
  });

  it("shows an engine error with its code and keeps no stale report", async () => {
    install((cmd) => {
      if (cmd === "diagnose_profile") throw psaError("profile_not_found", "No such connection.");
      throw new Error(`unexpected ${cmd}`);
    });
    mount(<SupportPanel profiles={[PROFILE]} />);
    click("btn-diagnose");
    await settle();
    expect(byTestId("support-error").dataset.code).toBe("profile_not_found");
    expect(maybeTestId("diag-result")).toBeNull();
  });

  it("asks for a saved connection when there is none", () => {
    install(() => undefined);
    mount(<SupportPanel profiles={[]} />);
    expect(maybeTestId("diag-no-profiles")).not.toBeNull();
    expect(maybeTestId("btn-diagnose")).toBeNull();
  });
});

describe("the report's verdict line", () => {
  it("says once that the connection works", () => {
    expect(summaryLine({ ok: true, summary: "Connection works; 3 checks need attention." })).toBe(
      "Connection works; 3 checks need attention.",
    );
    expect(summaryLine({ ok: true, summary: "All 5 checks passed." })).toBe("The connection works: All 5 checks passed.");
    expect(summaryLine({ ok: false, summary: "1 check failed." })).toBe("The connection has problems: 1 check failed.");
  });
});

describe("logs and hand-offs", () => {
  it("opens the log folder and shows where it is", async () => {
    const calls = install((cmd) => (cmd === "open_log_folder" ? "/home/pat/.local/share/com.psaconnect.desktop/logs" : undefined));
    mount(<SupportPanel profiles={[]} />);
    click("btn-log-folder");
    await settle();
    expect(calls.map((c) => c.cmd)).toEqual(["open_log_folder"]);
    expect(byTestId("log-folder").textContent).toContain("com.psaconnect.desktop/logs");
  });

  it("opens a hand-off file, shows where the secret will go, and hands the draft on", async () => {
    const onHandoff = vi.fn();
    const calls = install((cmd) => (cmd === "handoff_parse" ? DRAFT : undefined));
    mount(<SupportPanel profiles={[]} onHandoff={onHandoff} />);
    const file = new File(['{"kind":"psa-connect-handoff"}'], "contoso.json", { type: "application/json" });
    const input = byTestId<HTMLInputElement>("input-handoff-file");
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(calls.find((c) => c.cmd === "handoff_parse")?.args).toEqual({ text: '{"kind":"psa-connect-handoff"}' });
    const shown = byTestId("handoff-draft").textContent ?? "";
    expect(shown).toContain("Your secret will be sent to");
    expect(shown).toContain("webservices14.autotask.net");
    expect(shown).toContain("Ticket 4711");
    click("btn-handoff-use");
    expect(onHandoff).toHaveBeenCalledWith(DRAFT);
  });

  it("refuses a pasted link that carries a secret", async () => {
    install((cmd) => {
      if (cmd === "handoff_parse") throw psaError("import_contains_secret", "This hand-off carries a secret.", "Ask for a new one.");
      return undefined;
    });
    mount(<SupportPanel profiles={[]} />);
    typeInto("input-handoff-link", "psa-connect://setup?d=abc&secret=x");
    click("btn-handoff-link");
    await settle();
    expect(byTestId("support-error").dataset.code).toBe("import_contains_secret");
    expect(maybeTestId("handoff-draft")).toBeNull();
  });

  /** Runs what the app's `push_script` runs when a link is opened while it runs (src-tauri/src/commands/handoff/mod.rs):
   * the hand-off as a JSON string for JSON.parse, into the window's list, then the event. The scripts Rust
   * really makes are run by the test after these (handoff-push.fixture.json), so this copy cannot drift alone. */
  const push = (o: HandoffOpened) => {
    const script = `(window.__PSA_HANDOFFS__ = window.__PSA_HANDOFFS__ || []).push(JSON.parse(${JSON.stringify(
      JSON.stringify(o),
    )})); window.dispatchEvent(new Event("psa-handoff"));`;
    new Function(script)();
  };

  it("watchHandoffs delivers the first-start link, then links opened while running, without asking", async () => {
    const calls = install(() => undefined);
    (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { handoff: { draft: DRAFT } };
    const drafts: HandoffDraft[] = [];
    const errors: string[] = [];
    const stop = await watchHandoffs({ onDraft: (d) => drafts.push(d), onError: (e) => errors.push(e.code) });
    expect(drafts).toEqual([DRAFT]);
    push({ error: psaError("import_contains_secret") });
    push({ draft: { ...DRAFT, openStep: "username" } });
    expect(errors).toEqual(["import_contains_secret"]);
    expect(drafts.map((d) => d.openStep)).toEqual(["secret", "username"]);
    // No request, no event listener, no waiting request: the first-start link came with the page and
    // arrivals are pushed.
    expect(calls).toEqual([]);
    stop();
    push({ draft: DRAFT });
    expect(drafts).toHaveLength(2);
    // A second watch (the app remounted) does not get the first-start link again, but what came meanwhile.
    const again: HandoffDraft[] = [];
    const stopAgain = await watchHandoffs({ onDraft: (d) => again.push(d), onError: () => undefined });
    expect(again).toEqual([DRAFT]);
    stopAgain();
  });

  it("watchHandoffs takes the first-start link from the start-up answers and arrivals pushed before it ran", async () => {
    const calls = install(() => undefined);
    (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { handoff: { draft: DRAFT } };
    // A link the app pushed after the page loaded but before the wizard started watching: it waits in the list.
    push({ draft: { ...DRAFT, openStep: "username" } });
    const drafts: HandoffDraft[] = [];
    const stop = await watchHandoffs({ onDraft: (d) => drafts.push(d), onError: () => undefined });
    expect(drafts.map((d) => d.openStep)).toEqual(["secret", "username"]);
    expect(calls).toEqual([]);
    stop();
  });

  it("takes the scripts the app's push_script makes (handoff-push.fixture.json, written by Rust) as hand-offs", async () => {
    const calls = install(() => undefined);
    const drafts: HandoffDraft[] = [];
    const errors: PsaError[] = [];
    const stop = await watchHandoffs({ onDraft: (d) => drafts.push(d), onError: (e) => errors.push(e) });
    for (const script of pushedByTheApp.scripts) new Function(script)();
    const username = (d: HandoffDraft) => (d.profile.connection as { username: string }).username;
    expect(drafts.map(username)).toEqual(["first@example.com", "o'brien\"@example.com"]);
    expect(drafts[1].profile.name).toBe("M\u00fcller f\u00fcr \u{1F680}");
    expect(drafts[1].profile.notes).toBe("</script> \u2028\u2029 done");
    expect(drafts.map((d) => d.openStep)).toEqual(["secret", "username"]);
    expect(errors.map((e) => e.details)).toEqual(["bad link"]);
    expect(calls).toEqual([]);
    stop();
  });

  it("describes a draft without a username as one the customer completes", () => {
    const rows = describeDraft({ ...DRAFT, openStep: "username", secretHosts: [], profile: { ...DRAFT.profile, connection: { psa: "autotask", username: "", integrationCode: "ABC" } } });
    expect(rows).toContainEqual(["Username", "you type it"]);
    expect(rows).toContainEqual(["Opens at", "Username"]);
    expect(rows.find(([l]) => l === "Your secret will be sent to")).toBeUndefined();
  });
});
