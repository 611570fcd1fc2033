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
  "notes": [
    "Binox asks for the username first and the secret on a second screen; have both ready before you start.",
    "After connecting, Binox offers the same five filters as the wizard's filter step (organization types, statuses, markets, territories, contact statuses): they decide which Autotask records Binox creates in your CRM.",
    "Records whose names match exactly on both sides are synced whatever the filters say."
  ],
  "autotask": {
    "permissionsStep": "set_api_permissions",
    "usernameRule": "Use an address on your organization's own domain (for example binox-api@yourcompany.com). Autotask's Generate Key button works but produces a name that is hard to recognise in reports.",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": [
        "Give the copy a name you will recognise when you assign it, for example \"Binox API\".",
        "Web Services API: tick View, Add and Edit for every object.",
        "Web Services API: leave Delete unticked everywhere; Binox never deletes records.",
        "Other: the guide asks for an adjustment in this section too but does not spell it out (see the manual check)."
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
        "title": "Grant everything except Delete",
        "menuPath": "Security level > Web Services API",
        "detail": "Name the copy, then tick View, Add and Edit for every object in the Web Services API section and leave every Delete box empty. Save & Close."
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
        "delete": "forbidden"
      },
      {
        "entity": "Contacts",
        "label": "CRM > Contact",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "forbidden"
      },
      {
        "entity": "Opportunities",
        "label": "CRM > Opportunities & Quotes",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "forbidden"
      },
      {
        "entity": "Quotes",
        "label": "CRM > Opportunities & Quotes",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "forbidden"
      },
      {
        "entity": "ConfigurationItems",
        "label": "CRM > Configuration Items & Subscriptions",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "forbidden"
      }
    ],
    "extras": [
      {
        "kind": "manual_check",
        "text": "The guide grants View, Add and Edit on every Web Services API object, including ones PSA Connect cannot probe (sales orders, notes, to-dos, contract notes, inventory locations). Confirm by hand that those boxes are ticked and their Delete boxes are not."
      },
      {
        "kind": "manual_check",
        "text": "The guide says the copied level needs a change under Other but does not say which (its picture marks the webhook settings). Confirm by hand with Binox what to set there."
      }
    ]
  },
  "settings": []
};
