// Test fixture: psa-core/templates/helpdesk-buttons.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const HELPDESK_BUTTONS: Template = {
  "id": "helpdesk-buttons",
  "name": "Helpdesk Buttons",
  "vendor": "Helpdesk Buttons (Tier2Tickets)",
  "description": "Lets your users open Autotask tickets with the press of a button; the integration reads organizations and contacts and creates and updates tickets.",
  "guideFile": "004_81c09b3364459839.txt",
  "filters": false,
  "notes": [
    "On the Helpdesk Buttons site (Settings, Ticket System: Autotask) enter the API endpoint as a bare host such as webservices14.autotask.net: no https:// and no path. PSA Connect's last step shows yours.",
    "Helpdesk Buttons wants the key as the username and the secret joined by a colon (username@domain:secret). PSA Connect's last step copies the whole key to the clipboard without ever showing the secret.",
    "Click Update, then press a button and submit a test ticket to see it arrive."
  ],
  "autotask": {
    "permissionsStep": "security_level",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": []
    },
    "trackingIdentifier": {
      "kind": "integration_vendor",
      "vendorName": "Helpdesk Buttons - Tier2Tickets"
    },
    "steps": [
      {
        "id": "new_api_user",
        "title": "Create a new API user",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User",
        "detail": "You need an Autotask administrator login. Fill in the user as usual.",
        "adminPage": "resources"
      },
      {
        "id": "security_level",
        "title": "Use the API User (system) level",
        "menuPath": "New API User > General > Security Level",
        "detail": "Pick API User (system). If you would rather restrict it, make a custom level with the permissions in the table and assign that instead."
      },
      {
        "id": "tracking_identifier",
        "title": "Choose Helpdesk Buttons as the integration vendor",
        "menuPath": "New API User > API Tracking Identifier > Integration Vendor",
        "detail": "Select Integration Vendor, then \"Helpdesk Buttons - Tier2Tickets\". Autotask does not let you change this later."
      },
      {
        "id": "credentials",
        "title": "Note the username and secret",
        "menuPath": "New API User > Credentials",
        "detail": "Copy both before you Save & Close; Helpdesk Buttons needs them."
      },
      {
        "id": "unregistered_contact",
        "title": "Create the \"Unregistered User\" contact",
        "menuPath": "CRM > Contacts > New",
        "detail": "Tickets from people Autotask doesn't know are filed under this contact. First name Unregistered, last name User, e-mail unregistered@helpdeskbuttons.com, then Save & Close.",
        "adminPage": "contacts"
      }
    ],
    "permissions": [
      {
        "entity": "Companies",
        "label": "CRM > Customer & Cancellations (All)",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Looks up the organization's address and details."
      },
      {
        "entity": "Contacts",
        "label": "CRM > Customer & Cancellations (All)",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Matches the person pressing the button by e-mail address."
      },
      {
        "entity": "Tickets",
        "label": "Service Desk > Tickets (View: All, Add: Yes, Edit: Yes)",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional",
        "note": "Creates tickets, and edits them to add notes."
      }
    ],
    "extras": [
      {
        "kind": "contact_must_exist",
        "firstName": "Unregistered",
        "lastName": "User",
        "email": "unregistered@helpdeskbuttons.com",
        "why": "Tickets from people who are not contacts in Autotask are filed under this contact."
      },
      {
        "kind": "manual_check",
        "text": "The guide names the contact's first name, last name and e-mail only; it says nothing about the organization. Confirm by hand with Helpdesk Buttons where it should be filed if you are unsure."
      }
    ]
  },
  "portal": {
    "autotask": {
      "portal": "Helpdesk Buttons",
      "menuPath": "account.helpdeskbuttons.com > Settings",
      "items": [
        {
          "label": "Ticket System: Autotask"
        },
        {
          "label": "Ticket System API endpoint",
          "value": "endpoint_host",
          "note": "The host only: no https:// in front and no path after it."
        },
        {
          "label": "Ticket System API key",
          "value": "key_user_colon_secret",
          "note": "The username and the secret joined by a colon: username@domain:secret."
        },
        {
          "label": "Update"
        }
      ],
      "later": [
        "Press a Helpdesk Button and submit a ticket: it should arrive in Autotask."
      ]
    }
  },
  "settings": [],
  "vendorFilters": []
};
