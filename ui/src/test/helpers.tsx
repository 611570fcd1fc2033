// Small DOM helpers for the Vitest suites: render into a fresh container, type, click, wait for effects.
import type { ComponentChildren } from "preact";
import { render } from "preact";
import { act } from "preact/test-utils";
import { vi } from "vitest";
import type { AutotaskZone, CheckItem, CheckReport, Picklists } from "../bindings.gen";

let container: HTMLElement | null = null;

export function mount(ui: ComponentChildren): HTMLElement {
  unmount();
  container = document.createElement("div");
  document.body.appendChild(container);
  act(() => {
    render(ui, container as HTMLElement);
  });
  return container;
}

export function unmount() {
  if (container) {
    act(() => render(null, container as HTMLElement));
    container.remove();
    container = null;
  }
}

/** Lets pending promises, IPC answers and the re-renders they cause run to completion. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await Promise.resolve();
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
      else await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

export function maybeTestId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.querySelector<T>(`[data-testid="${id}"]`);
}

export function typeInto(id: string, value: string) {
  const el = byTestId<HTMLInputElement>(id);
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export function click(id: string) {
  const el = byTestId(id);
  act(() => {
    el.click();
  });
}

/** Moves fake time forward, running what falls due and the renders it causes. */
export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** A promise the test settles by hand, to hold a mocked command "in flight". */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface ChannelLike {
  id: number;
}

/**
 * Sends messages down a Channel the way the Rust side does: mockIPC hands the handler the Channel object
 * itself, and Tauri's runtime delivers each message to its callback id as `{ index, message }`.
 */
export function channelSender(channel: unknown) {
  const id = (channel as ChannelLike).id;
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  return {
    send(message: unknown) {
      act(() => internals.runCallback(id, { index: index++, message }));
    },
    end() {
      internals.runCallback(id, { index, end: true });
    },
  };
}

export const ZONE: AutotaskZone = {
  zoneName: "America East 2",
  apiUrl: "https://webservices14.autotask.net/ATServicesRest/V1.0",
  webUrl: "https://ww14.autotask.net",
  ci: 123456,
  source: "detected",
};

export const PICKLISTS: Picklists = {
  companyTypes: [
    { value: "1", label: "Customer", isActive: true, sortOrder: 1 },
    { value: "9", label: "Dead lead", isActive: false, sortOrder: 0 },
    { value: "2", label: "Prospect", isActive: true, sortOrder: 2 },
  ],
  companyStatuses: [
    { value: "active", label: "Active", isActive: true, sortOrder: 1 },
    { value: "inactive", label: "Inactive", isActive: true, sortOrder: 2 },
  ],
  companyCategories: [],
  markets: [],
  territories: [{ value: "5", label: "North", isActive: true, sortOrder: 1 }],
  classifications: [],
  contactStatuses: [
    { value: "active", label: "Active", isActive: true, sortOrder: 1 },
    { value: "inactive", label: "Inactive", isActive: true, sortOrder: 2 },
  ],
};

export function item(id: string, status: CheckItem["status"], extra: Partial<CheckItem> = {}): CheckItem {
  return { id, label: `Label ${id}`, status, message: `Message ${id}`, ...extra };
}

export function report(items: CheckItem[], extra: Partial<CheckReport> = {}): CheckReport {
  return {
    psa: "autotask",
    zone: ZONE,
    items,
    ok: items.every((i) => i.status === "ok" || i.status === "warning"),
    requests: items.length,
    elapsedMs: 10,
    picklists: PICKLISTS,
    threshold: { limit: 10000, used: 12, timeframeMinutes: 60 },
    ...extra,
  };
}
