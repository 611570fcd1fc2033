import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as ipc from "./ipc";
import { channelSender, item, report } from "./test/helpers";
import { installIpc, psaError } from "./test/ipcMock";

afterEach(() => clearMocks());

describe("ipc wrappers", () => {
  it("pass camelCase arguments as the Rust commands name them", async () => {
    const calls = installIpc(() => null);
    await ipc.autotaskDetectZone("u@example.com", "op-1");
    await ipc.autotaskParseZone("https://ww14.autotask.net/");
    await ipc.profilesExport();
    await ipc.profileSave({} as never, true);
    await ipc.connectionPreview({} as never, "op-2");
    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ["autotask_detect_zone", { username: "u@example.com", opId: "op-1" }],
      ["autotask_parse_zone", { input: "https://ww14.autotask.net/" }],
      // Options left out are sent as null, so Rust always finds the key.
      ["profiles_export", { id: null }],
      ["profile_save", { profile: {}, force: true, overwrite: null }],
      // The PSA and its zone are the app's; the page sends only what to count.
      ["connection_preview", { filters: {}, opId: "op-2" }],
    ]);
  });

  it("hand a PsaError through unchanged", async () => {
    installIpc(() => {
      throw psaError("zone_unknown_user");
    });
    await expect(ipc.autotaskDetectZone("u@example.com", "op")).rejects.toEqual(psaError("zone_unknown_user"));
  });

  it("turn a bare string rejection into an internal PsaError with the text as details", async () => {
    installIpc(() => Promise.reject("command connection_check not found"));
    const e = await ipc.connectionPreview({} as never, "op").catch((x) => x);
    expect(e.code).toBe("internal");
    expect(e.details).toBe("command connection_check not found");
    expect(e.message).not.toMatch(/command/);
  });

  it("deliver streamed check lines in order through the Channel", async () => {
    const seen: string[] = [];
    installIpc((cmd, args) => {
      if (cmd !== "connection_check") return undefined;
      const ch = channelSender(args.onItem);
      ch.send(item("auth", "running"));
      ch.send(item("auth", "ok"));
      ch.end();
      return report([item("auth", "ok")]);
    });
    const r = await ipc.connectionCheck("custom", "op", (i) => seen.push(`${i.id}:${i.status}`));
    expect(seen).toEqual(["auth:running", "auth:ok"]);
    expect(r.ok).toBe(true);
  });

  it("make up distinct operation ids", () => {
    expect(ipc.newOpId()).not.toBe(ipc.newOpId());
  });
});

describe("start-up answers", () => {
  it("answer the first templates and profiles calls without IPC, once; later calls ask the app", async () => {
    const templates = [{ id: "t1" }] as unknown as Awaited<ReturnType<typeof ipc.templatesList>>;
    const profiles = [{ id: "p1" }] as unknown as Awaited<ReturnType<typeof ipc.profilesList>>;
    const calls = installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { templates, profiles };
    try {
      expect(await ipc.templatesList()).toBe(templates);
      expect(await ipc.profilesList()).toBe(profiles);
      expect(await ipc.profilesList()).toEqual([]);
      expect(calls.map((c) => c.cmd)).toEqual(["profiles_list"]);
    } finally {
      delete (globalThis as Record<string, unknown>).__PSA_STARTUP__;
    }
  });

  it("answer the app's facts and the pack status without IPC, and later calls share that answer", async () => {
    const app = { version: "9.9.9", zoneLookupOverridden: false, zoneLookupUrl: "https://x/" };
    const pack = { pack: { vendor: "Simulated Vendor" } } as unknown as Awaited<ReturnType<typeof ipc.packStatus>>;
    const calls = installIpc(() => undefined);
    (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { app, pack };
    try {
      expect(await ipc.appInfo()).toBe(app);
      expect(await ipc.packStatus()).toBe(pack);
      expect(await ipc.appInfo()).toBe(app);
      expect(await ipc.packStatus()).toBe(pack);
      expect(calls).toEqual([]);
    } finally {
      delete (globalThis as Record<string, unknown>).__PSA_STARTUP__;
    }
  });
});
