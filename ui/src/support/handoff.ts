// Hand-offs for the wizard: a connection a support agent filled in without the secret. The app checks each
// one in Rust (no secret, known template, zone on an Autotask host); this module only delivers the results.
//
// For the wizard: call `watchHandoffs` once at start-up; every draft it reports is a ProfileInput plus the
// step to open (normally "secret") and the hosts the secret will go to, ready to prefill the wizard.
import type { HandoffDraft, HandoffOpened, PsaError } from "../bindings.gen";
import { handoffParse } from "../commands.gen";
import { takeLaunchHandoff } from "../ipc";
import { STEPS } from "../wizard/state";

export interface HandoffHandlers {
  onDraft: (draft: HandoffDraft) => void;
  onError: (error: PsaError) => void;
}

/** Hand-off files are a few hundred bytes; the Rust side refuses anything over 16 KiB as well. */
export const MAX_HANDOFF_FILE_BYTES = 16 * 1024;

function deliver(opened: HandoffOpened, h: HandoffHandlers) {
  if (opened.draft) h.onDraft(opened.draft);
  else if (opened.error) h.onError(opened.error);
}

/** Where the app leaves hand-offs that arrive while it runs, and the event that says one came
 * (`push_script` in src-tauri/src/commands/handoff/mod.rs). */
const ARRIVALS = "__PSA_HANDOFFS__";
const ARRIVED_EVENT = "psa-handoff";

/**
 * Reports every hand-off the app receives: the link it was started with (once per run), then each link or
 * file opened while it runs. Resolves to a function that stops reporting.
 *
 * Links opened while running are pushed by the app into a list on the window, with an event: the page
 * neither asks (a waiting command would be the only one before a click, and the first command loads WebKit's
 * fetch machinery) nor listens to an app event (that starts a JavaScript engine in the app). The app pushes
 * only to a page that has finished loading and keeps what arrives before; the list also holds what came
 * between that and this call.
 */
export async function watchHandoffs(h: HandoffHandlers): Promise<() => void> {
  const launch = takeLaunchHandoff();
  if (launch) deliver(launch, h);
  const box = window as unknown as Record<typeof ARRIVALS, HandoffOpened[] | undefined>;
  const take = () => {
    const arrived = box[ARRIVALS] ?? [];
    box[ARRIVALS] = [];
    for (const opened of arrived) deliver(opened, h);
  };
  window.addEventListener(ARRIVED_EVENT, take);
  take();
  return () => window.removeEventListener(ARRIVED_EVENT, take);
}

/** Checks a hand-off file the user picked (the webview reads it; Rust checks it). */
export async function readHandoffFile(file: File): Promise<HandoffDraft> {
  if (file.size > MAX_HANDOFF_FILE_BYTES) {
    throw {
      code: "import_invalid",
      message: "That file is too large to be a PSA Connect hand-off.",
      fix: "Open the .json file your support contact sent, unchanged.",
      details: `${file.size} bytes`,
    } satisfies PsaError;
  }
  return handoffParse(await file.text());
}

/** A pasted psa-connect:// link (or a hand-off file's text). */
export const readHandoffText = (text: string) => handoffParse(text);

/** The step a hand-off opens at, named as the wizard's rail names it (one list: `STEPS`). */
const stepName = (id: HandoffDraft["openStep"]): string => STEPS.find((s) => s.id === id)?.title ?? id;

/** Label/value rows describing a draft, for a confirmation before the wizard is prefilled. */
export function describeDraft(d: HandoffDraft): [string, string][] {
  const p = d.profile;
  const rows: [string, string][] = [["Integration", d.templateName]];
  if (p.name) rows.push(["Suggested name", p.name]);
  const c = p.connection;
  if (c.psa === "autotask") {
    rows.push(["PSA", "Datto Autotask"]);
    rows.push(["Username", c.username || "you type it"]);
    if (c.zone) rows.push(["Zone", `${c.zone.zoneName} (${c.zone.webUrl})`]);
  } else {
    rows.push(["PSA", "ConnectWise PSA"]);
    if (c.companyId) rows.push(["Company ID", c.companyId]);
    rows.push(["Public key", c.publicKey || "you type it"]);
    if (c.site) rows.push(["Site", `${c.site.companyId} at ${c.site.webUrl}`]);
  }
  if (d.secretHosts.length > 0) rows.push(["Your secret will be sent to", d.secretHosts.join(", ")]);
  rows.push(["Opens at", stepName(d.openStep)]);
  if (p.notes) rows.push(["Notes from support", p.notes]);
  return rows;
}
