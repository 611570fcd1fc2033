// Test fixture: psa-core/templates/binox-msp.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const BINOX_MSP: Template = {
  "id": "binox-msp",
  "name": "Binox MSP",
  "vendor": "Binox",
  "description": "Syncs your Autotask organizations, contacts and sales data with Binox for sales reporting. Binox reads and writes but never deletes.",
  "guideFile": "000_0608d0b72525c2d5.txt",
  "filters": true,
  "vendorFilters": [
    "companyTypes",
    "companyStatuses",
    "markets",
    "territories",
    "contactStatuses"
  ],
  "notes": [
    "Binox asks for the username first and the secret on a second screen; have both ready before you start.",
    "After connecting, Binox offers five PSA filters: company types, statuses, markets, territories and contact statuses. They decide which Autotask records Binox creates in your CRM. The wizard's filter step marks the groups Binox does not read.",
    "Records whose names match exactly on both sides are synced whatever the filters say."
  ],
  "autotask": {
    "permissionsStep": "set_api_permissions",
    "usernameRule": "Use an address on your organization's own domain (for example binox-api@yourcompany.com). Autotask's Generate Key button works but produces a name that is hard to recognise in reports.",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": [
        "Give the copy a name you will recognise when you assign it, for example \"Binox API\".",
        "Web Services API > Resource Impersonation: tick View (Query), Add and Edit (Update) for every object in the grid.",
        "Web Services API > Resource Impersonation: leave every Delete box empty; Binox never deletes records.",
        "Other: the guide marks two settings here, Can view Internal Cost section (under Resources/Users (HR)) and Maximum number of Webhooks, without saying what to set (see the manual check)."
      ]
    },
    "trackingIdentifier": {
      "kind": "integration_vendor",
      "vendorName": "Binox MSP - Data Synchronization and Sales Reporting"
    },
    "steps": [
      {
        "id": "open_security_levels",
        "title": "Open the security levels",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels",
        "detail": "You need an Autotask administrator login for every step on this list.",
        "adminPage": "security_levels"
      },
      {
        "id": "copy_security_level",
        "title": "Copy the API User (system) level",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels",
        "detail": "Right-click beside API User (system) and choose Copy Security Level. The copy opens in a new window.",
        "adminPage": "security_levels"
      },
      {
        "id": "set_api_permissions",
        "title": "Impersonation: everything except Delete",
        "menuPath": "Security level > Web Services API > Resource Impersonation",
        "detail": "Name the copy. In the Resource Impersonation grid under Web Services API, tick View (Query), Add and Edit (Update) for every object and leave every Delete box empty. Look at Other too (see the manual check), then Save & Close."
      },
      {
        "id": "new_api_user",
        "title": "Create a new API user",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User",
        "detail": "Open the arrow beside + New and choose New API User. First name, last name and e-mail can be anything descriptive; this is not a person.",
        "adminPage": "resources"
      },
      {
        "id": "assign_security_level",
        "title": "Pick the new security level",
        "menuPath": "New API User > General > Security Level",
        "detail": "Choose the level you just created for Binox, not API User (system)."
      },
      {
        "id": "credentials",
        "title": "Set the username and generate the secret",
        "menuPath": "New API User > Credentials",
        "detail": "Type a username on your organization's domain. Click Generate Secret for a strong secret and copy it somewhere safe: you will paste it into PSA Connect and Binox."
      },
      {
        "id": "tracking_identifier",
        "title": "Choose Binox as the integration vendor",
        "menuPath": "New API User > API Tracking Identifier > Integration Vendor",
        "detail": "Select Integration Vendor, then pick \"Binox MSP - Data Synchronization and Sales Reporting\" from the list. Autotask does not let you change this later."
      },
      {
        "id": "save_user",
        "title": "Save the API user",
        "menuPath": "New API User > Save & Close",
        "detail": "Make sure the username and secret are copied before you close the window."
      }
    ],
    "permissions": [
      {
        "entity": "Companies",
        "label": "CRM > Accounts (organizations)",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      },
      {
        "entity": "Contacts",
        "label": "CRM > Contact",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      },
      {
        "entity": "Opportunities",
        "label": "CRM > Opportunities & Quotes",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      },
      {
        "entity": "Quotes",
        "label": "CRM > Opportunities & Quotes",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      },
      {
        "entity": "ConfigurationItems",
        "label": "CRM > Configuration Items & Subscriptions",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      }
    ],
    "extras": [
      {
        "kind": "manual_check",
        "text": "The guide's everything-but-Delete grid is Resource Impersonation under Web Services API, which the API cannot show, and it includes objects PSA Connect cannot probe (sales orders, notes, to-dos, contract notes, inventory locations). Confirm by hand that View, Add and Edit are ticked there and Delete is not. The connection test checks the level's own CRM rights for the entities Binox reads and writes; the guide says nothing about their Delete rights."
      },
      {
        "kind": "manual_check",
        "text": "The guide says the copied level needs a change under Other but does not say which. Its picture marks two settings: Can view Internal Cost section on New/Edit Resource page (under Resources/Users (HR)) and Maximum number of Webhooks. Confirm by hand with Binox what to set for both."
      }
    ]
  },
  "portal": {
    "autotask": {
      "portal": "Binox",
      "menuPath": "gear icon (top right) > Connectors",
      "success": "Connect Successful",
      "items": [
        {
          "label": "Yes, let's connect",
          "note": "Only when no PSA is connected yet. Binox may also offer to connect Autotask on its own when you sign in."
        },
        {
          "label": "Connect (under Datto Autotask)"
        },
        {
          "label": "Username",
          "value": "username"
        },
        {
          "label": "Next"
        },
        {
          "label": "Password",
          "value": "secret"
        },
        {
          "label": "Connect"
        }
      ],
      "later": [
        "If Binox reports a problem instead, it names the part of the Autotask setup to fix.",
        "Optional: connect a CRM to synchronise with Autotask from the same place.",
        "Choose the PSA filters (Company Types, Statuses, Markets, Territories, Contact Statuses): they decide which Autotask records Binox creates in your CRM."
      ]
    }
  },
  "settings": []
};
