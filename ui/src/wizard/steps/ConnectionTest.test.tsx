import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckReport } from "../../bindings.gen";
import { stateAt } from "../../test/fixtures";
import {
  byTestId,
  channelSender,
  click,
  deferred,
  item,
  maybeTestId,
  mount,
  report,
  settle,
  unmount,
} from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

const status = (id: string) => byTestId(`check-item-${id}`).dataset.status;

describe("Connection test step", () => {
  it("says nothing was proven when the test fails without a failing line", async () => {
    // An unclear sign-in (an unworded 403) and no line that read live data: every line is a warning.
    const unclear = item("auth", "warning", { code: "auth_unclear", message: "Unclear whether Autotask accepted the sign-in." });
    installIpc((cmd) =>
      cmd === "connection_check" ? report([unclear, item("probe.companies", "warning")], { ok: false }) : undefined,
    );
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    expect(byTestId("check-summary").dataset.ok).toBe("false");
    expect(byTestId("check-summary").textContent).toMatch(/^Nothing could be proven: Autotask refused without saying why/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    expect(byTestId("btn-continue-anyway")).toBeTruthy();
  });

  it("shows each line as it runs and turns it green, then allows Next", async () => {
    const done = deferred<CheckReport>();
    let channel: unknown;
    const calls = installIpc((cmd, args) => {
      if (cmd !== "connection_check") return undefined;
      channel = args.onItem;
      return done.promise;
    });
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    const [call] = callsOf(calls, "connection_check");
    // Where to connect is the app's (the zone step put it in the session); the page sends no zone.
    expect(call?.args).not.toHaveProperty("zone");
    expect(call?.args.templateId).toBe("custom");
    expect(byTestId("check-running")).toBeTruthy();

    const ch = channelSender(channel);
    ch.send(item("auth", "running", { label: "Signing in" }));
    expect(status("auth")).toBe("running");
    expect(maybeTestId("check-item-probe.companies")).toBeNull();
    ch.send(item("auth", "ok", { label: "Signing in", message: "Autotask accepted the API user." }));
    expect(status("auth")).toBe("ok");
    expect(byTestId("check-live").textContent).toBe("Signing in: passed. Autotask accepted the API user.");
    ch.send(item("probe.companies", "running"));
    ch.send(item("probe.companies", "ok"));
    ch.send(item("threshold", "ok", { label: "API budget" }));
    ch.end();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true); // not finished yet

    done.resolve(report([item("auth", "ok"), item("probe.companies", "ok"), item("threshold", "ok")]));
    await settle();
    expect(maybeTestId("check-running")).toBeNull();
    expect(byTestId("check-summary").dataset.ok).toBe("true");
    expect(byTestId("check-threshold").textContent).toMatch(/12 of 10,000 requests/);
    expect(byTestId("check-live").textContent).toMatch(/finished/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("says what to change and where for a missing permission, and Test again runs it anew", async () => {
    let runs = 0;
    const calls = installIpc((cmd, args) => {
      if (cmd !== "connection_check") return undefined;
      runs += 1;
      const ch = channelSender(args.onItem);
      if (runs === 1) {
        const missing = item("probe.contacts", "missing", {
          label: "Read contacts",
          message: "The API user may not read contacts.",
          fix: "Give the security level View access to Contacts.",
          guideStep: "Admin > Account Settings & Users > Resources/Users (HR) > Security Levels",
          code: "permission_denied",
        });
        ch.send(item("auth", "ok"));
        ch.send(missing);
        return report([item("auth", "ok"), missing], { ok: false });
      }
      ch.send(item("auth", "ok"));
      ch.send(item("probe.contacts", "ok"));
      return report([item("auth", "ok"), item("probe.contacts", "ok")]);
    });
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    expect(status("probe.contacts")).toBe("missing");
    expect(byTestId("check-fix-probe.contacts").textContent).toMatch(/View access to Contacts/);
    expect(byTestId("check-where-probe.contacts").textContent).toMatch(/Security Levels/);
    expect(byTestId("check-summary").dataset.ok).toBe("false");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);

    click("btn-test-again");
    await settle();
    expect(callsOf(calls, "connection_check")).toHaveLength(2);
    expect(status("probe.contacts")).toBe("ok");
    expect(maybeTestId("check-fix-probe.contacts")).toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("lets a test with warnings only through, showing the warning in amber", async () => {
    installIpc((cmd) =>
      cmd === "connection_check"
        ? report([item("auth", "ok"), item("probe.extra", "warning", { fix: "Consider removing Delete." })], { ok: true })
        : undefined,
    );
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    expect(status("probe.extra")).toBe("warning");
    expect(byTestId("check-item-probe.extra").className).toMatch(/tone-warn/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("shows a wrong secret as advice with a way back to the secret", async () => {
    installIpc((cmd) =>
      cmd === "connection_check"
        ? report([item("auth", "failed", { code: "auth_wrong_secret" })], {
            ok: false,
            error: psaError("auth_wrong_secret", "401", "fix", "HTTP 401 Unauthorized"),
          })
        : undefined,
    );
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    expect(byTestId("error-panel-title").textContent).toMatch(/didn't accept the sign-in/);
    expect(byTestId("error-panel").textContent).toMatch(/Integration Vendor/);
    expect(byTestId("error-panel").textContent).toMatch(/Locked/);
    expect(byTestId("error-panel").textContent).not.toMatch(/401/);
    click("btn-fix-secret");
    expect(maybeTestId("step-secret")).not.toBeNull();
    expect(maybeTestId("input-secret")).not.toBeNull();
  });

  it("cancels a running test", async () => {
    const calls = installIpc((cmd) => (cmd === "connection_check" ? new Promise(() => undefined) : undefined));
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    click("check-running-cancel");
    await settle();
    const opId = callsOf(calls, "connection_check")[0]?.args.opId;
    expect(callsOf(calls, "cancel_operation").map((c) => c.args.opId)).toEqual([opId]);
    expect(byTestId("check-stopped")).toBeTruthy();
    expect(maybeTestId("btn-test-again")).not.toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
  });

  it("cancels the running test when the partner goes Back", async () => {
    const calls = installIpc((cmd) => (cmd === "connection_check" ? new Promise(() => undefined) : undefined));
    mount(<Wizard initial={stateAt("check")} />);
    await settle();
    click("btn-back");
    await settle();
    expect(callsOf(calls, "cancel_operation")).toHaveLength(1);
    expect(maybeTestId("step-zone")).not.toBeNull();
  });
});
