// Test fixtures for the template commands, taken from psa-core/templates/*.toml.
import type { Template, TemplateSummary } from "../../bindings.gen";
import { BINOX_MSP } from "./binox-msp";
import { CUSTOM } from "./custom";
import { HELPDESK_BUTTONS } from "./helpdesk-buttons";
import { INFINIGATE } from "./infinigate-cloud-core";
import { LIFECYCLE_INSIGHTS } from "./lifecycle-insights";
import { SYNC365 } from "./sync365-license";

export { BINOX_MSP, CUSTOM, HELPDESK_BUTTONS, INFINIGATE, LIFECYCLE_INSIGHTS, SYNC365 };

/** What `templates_list` returns for the six data files. */
export const TEMPLATE_SUMMARIES: TemplateSummary[] = [
  {
    "id": "binox-msp",
    "name": "Binox MSP",
    "vendor": "Binox",
    "psas": [
      "autotask"
    ],
    "description": "Syncs your Autotask organizations, contacts and sales data with Binox for sales reporting. Binox reads and writes but never deletes."
  },
  {
    "id": "custom",
    "name": "Custom integration",
    "vendor": "Your own integration",
    "psas": [
      "autotask",
      "connectwise"
    ],
    "description": "For your own scripts and tools: an API user with the Custom (Internal Integration) tracking identifier and the entities you choose."
  },
  {
    "id": "helpdesk-buttons",
    "name": "Helpdesk Buttons",
    "vendor": "Helpdesk Buttons (Tier2Tickets)",
    "psas": [
      "autotask"
    ],
    "description": "Lets your users open Autotask tickets with the press of a button; the integration reads organizations and contacts and creates and updates tickets."
  },
  {
    "id": "infinigate-cloud-core",
    "name": "Infinigate Cloud CORE",
    "vendor": "Infinigate Cloud",
    "psas": [
      "autotask"
    ],
    "description": "Pushes your Reseller Marketplace orders and subscriptions into Autotask contracts, so licence reconciliation no longer has to be done by hand."
  },
  {
    "id": "lifecycle-insights",
    "name": "Lifecycle Insights",
    "vendor": "Lifecycle Insights",
    "psas": [
      "autotask"
    ],
    "description": "Brings your Autotask organizations, users and configuration items into Lifecycle Insights, and can write warranty expiry dates back."
  },
  {
    "id": "sync365-license",
    "name": "Sync 365 License",
    "vendor": "Sync 365",
    "psas": [
      "autotask",
      "connectwise"
    ],
    "description": "Keeps Microsoft 365 licence counts in step with your PSA agreements or contracts. Works with Autotask and ConnectWise Manage."
  }
];

const FULL: Record<string, Template> = {
  custom: CUSTOM,
  "binox-msp": BINOX_MSP,
  "helpdesk-buttons": HELPDESK_BUTTONS,
  "sync365-license": SYNC365,
  "infinigate-cloud-core": INFINIGATE,
};

/** `template_get` for the templates with a fixture; others reject like the app does for an unknown id. */
export function templateFixture(id: string): Template {
  const t = FULL[id];
  if (!t) throw { code: "template_unknown", message: `No template named ${id}.`, fix: "Choose another integration." };
  return t;
}
