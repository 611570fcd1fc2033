// What the wizard says about the vendor's identifiers (Autotask integration code, ConnectWise clientId):
// they belong to the vendor, so a partner never types one. Either something supplied it (the vendor's pack or
// setup link), or the partner needs that pack or link first, and this says how to ask for it.
import { useEffect, useRef } from "preact/hooks";
import type { PackInfo } from "../../../bindings.gen";
import type { WizardState } from "../../state";

function what(state: WizardState): string {
  return state.psa === "connectwise" ? "ConnectWise clientId" : "Autotask integration code";
}

/** No pack or setup link supplied the vendor's identifier for this template: explain, never ask for it. */
export function VendorIdentifierNeeded({ state }: { state: WizardState }) {
  const vendor = state.template?.vendor || "The vendor";
  const panel = useRef<HTMLDivElement>(null);
  // It appears under a long list on the first step: bring it into view rather than let it be missed.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: "nearest" });
  }, [state.templateId]);
  return (
    <div class="error-panel" role="alert" data-testid="vendor-identifier-needed" ref={panel}>
      <p class="error-title">
        {vendor}'s setup link or PSA Connect pack is needed for this integration.
      </p>
      <p>
        Every call {vendor} makes carries {vendor}'s own {what(state)}. It belongs to {vendor}, not to you: no
        guide asks you for it and Autotask or ConnectWise cannot show it to you, so PSA Connect does not ask you to
        type it.
      </p>
      <p>
        Ask {vendor}'s support or your account manager for “the PSA Connect setup link or pack for{" "}
        {state.template?.name ?? "this integration"}”. Open the link they send, or save the pack file (its name ends
        in .psapack.toml) next to the PSA Connect program or in PSA Connect's data folder and start PSA Connect
        again. You will then type only the username and the secret.
      </p>
    </div>
  );
}

/** The vendor's identifier is in hand: say where it came from, so nothing seems to be missing. */
export function VendorIdentifierSupplied({ state, pack }: { state: WizardState; pack: PackInfo | null }) {
  const vendor = state.template?.vendor || "the vendor";
  const source =
    state.suppliedCode.trim() !== ""
      ? "the setup details you were sent"
      : pack
        ? `${pack.vendor}'s PSA Connect pack`
        : "this PSA Connect build";
  return (
    <p class="note" data-testid="vendor-identifier-supplied">
      {vendor}'s {what(state)} comes from {source}: nothing to type for it.
    </p>
  );
}
