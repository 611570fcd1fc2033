// Test fixture: psa-core/templates/infinigate-cloud-core.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const INFINIGATE: Template = {
  "id": "infinigate-cloud-core",
  "name": "Infinigate Cloud CORE",
  "vendor": "Infinigate Cloud",
  "description": "Pushes your Reseller Marketplace orders and subscriptions into Autotask contracts, so licence reconciliation no longer has to be done by hand.",
  "guideFile": "001_bcf7c6c7e14bbf8e.txt",
  "filters": false,
  "notes": [
    "Infinigate maps Marketplace customers to Autotask organizations, its product catalog to Autotask services, and orders and subscriptions to contracts.",
    "Several subscriptions can share one contract, but one subscription can never be split over several contracts.",
    "Pick contracts whose billing cycle and currency match the Marketplace subscription (monthly with monthly, and so on).",
    "The guide lists no permissions: it uses the default API User (system) level. The table shows what the integration is known to read and write, as a recommendation for a restricted level; the connection test does not fail on it.",
    "You enter the username and secret in your UX1 panel under Infinigate Integrations > AutoTask PSA Integration > Install now; the settings below are asked on the same screen.",
    "The settings can be changed later from the integration dashboard (gear icon > Settings)."
  ],
  "autotask": {
    "permissionsStep": "add_api_user",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": []
    },
    "trackingIdentifier": {
      "kind": "integration_vendor"
    },
    "steps": [
      {
        "id": "open_integration_center",
        "title": "Open the Integration Center",
        "menuPath": "Admin > Extensions & Integrations > Other Extensions & Tools > Integration Center",
        "detail": "Infinigate recommends a new API user just for this integration, created from the vendor's entry in the Integration Center.",
        "adminPage": "integration_center"
      },
      {
        "id": "add_api_user",
        "title": "Add an API user from the vendor's entry",
        "menuPath": "Integration Center > (vendor) > Add API User",
        "detail": "Find the integration's vendor in the list and choose Add API User from its menu. Keep API User (system) as the security level.",
        "adminPage": "integration_center"
      },
      {
        "id": "general",
        "title": "Fill in the required general fields",
        "menuPath": "Add API User > General",
        "detail": "Complete every field marked as required (name, e-mail, security level, formats, primary internal location)."
      },
      {
        "id": "credentials",
        "title": "Create the username and secret",
        "menuPath": "Add API User > Credentials",
        "detail": "Type a Username (Key) and a Password (Secret), or use Generate Key and Generate Secret. Copy both before saving."
      },
      {
        "id": "save_user",
        "title": "Save the API user",
        "menuPath": "Add API User > Save & Close",
        "detail": "The username and secret are all Infinigate asks for on the Autotask side."
      }
    ],
    "permissions": [
      {
        "entity": "Companies",
        "label": "CRM > Organizations",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Recommended: customers are imported from, and mapped to, Autotask organizations."
      },
      {
        "entity": "Services",
        "label": "Admin > Products & Services > Services",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Recommended: the Marketplace product catalog is mapped to Autotask services."
      },
      {
        "entity": "Products",
        "label": "Inventory > Products",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Recommended: products are mapped during sync; adding a product to Autotask from the mapping screen needs Add as well."
      },
      {
        "entity": "Contracts",
        "label": "Contracts",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Recommended: each synchronised subscription is attached to a contract you select."
      },
      {
        "entity": "ContractServices",
        "label": "Contracts > Contract Services",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Recommended (View, Add, Edit): sync adds contract services and changes their quantity, price and cost."
      }
    ],
    "extras": [
      {
        "kind": "manual_check",
        "text": "The guide does not spell out the vendor's name in the Integration Center list. Confirm by hand that the API user's tracking identifier shows Infinigate's integration (ask your Infinigate account manager if unsure)."
      },
      {
        "kind": "manual_check",
        "text": "The guide uses the default API User (system) level and names no permission table. The table here is a recommendation drawn from what the integration does (reads organizations, services, products and contracts; writes contract services), not a requirement; confirm by hand if you use a restricted level."
      }
    ]
  },
  "settings": [
    {
      "id": "price_source",
      "label": "Load prices from",
      "kind": "choice",
      "options": [
        {
          "value": "autotask",
          "label": "Autotask"
        },
        {
          "value": "marketplace",
          "label": "Reseller Marketplace"
        }
      ],
      "help": "Which system's prices the integration uses by default; you can still choose per contract service during sync."
    },
    {
      "id": "proration",
      "label": "Proration",
      "kind": "choice",
      "options": [
        {
          "value": "marketplace",
          "label": "Marketplace proration"
        },
        {
          "value": "autotask",
          "label": "Autotask proration"
        }
      ],
      "help": "Whose proration rules apply when a subscription changes part-way through a billing period."
    },
    {
      "id": "sync_period",
      "label": "Check for changes",
      "kind": "choice",
      "options": [
        {
          "value": "daily",
          "label": "Once a day"
        },
        {
          "value": "every_5_minutes",
          "label": "Every 5 minutes"
        }
      ],
      "help": "How often synchronisation tasks are created and processed automatically."
    },
    {
      "id": "notification_level",
      "label": "Notify me about",
      "kind": "choice",
      "options": [
        {
          "value": "errors_and_actions",
          "label": "Errors and actions I need to take"
        },
        {
          "value": "all_tasks",
          "label": "All tasks"
        }
      ],
      "help": "What appears in pop-up messages and the Action Log."
    }
  ],
  "portal": {
    "autotask": {
      "portal": "UX1 panel",
      "menuPath": "UX1 > Infinigate Integrations > AutoTask PSA Integration",
      "items": [
        {
          "label": "Install now"
        },
        {
          "label": "Username",
          "value": "username",
          "note": "Under Connection settings in the Settings window."
        },
        {
          "label": "Secret",
          "value": "secret"
        },
        {
          "label": "The other settings (load prices from, proration, automatic synchronisation, notifications)",
          "note": "Your answers are listed on this screen below the connection settings."
        }
      ],
      "later": [
        "Import customers: Integrations > PSA Integrations, gear icon > Mapping, Customers tab > Import Customers. Import All takes only customers whose profiles are complete; import the others one by one with Import.",
        "Map customers and products on the Mapping screen (Customers and Products tabs), or let the synchronisation wizard ask for them.",
        "Synchronise: on the PSA Integrations dashboard click Check Changes to list the tasks, pick a task and click Sync Changes, map the customer and product, choose the contract, then Sync All.",
        "Choose contracts with the same billing cycle as the subscription (monthly contracts for monthly subscriptions) and in the same currency as Reseller Marketplace."
      ]
    }
  },
  "vendorFilters": []
};
