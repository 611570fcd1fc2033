// Test fixture: psa-core/templates/custom.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const CUSTOM: Template = {
  "id": "custom",
  "name": "Custom integration",
  "vendor": "Your own integration",
  "description": "For your own scripts and tools: an API user with the Custom (Internal Integration) tracking identifier and the entities you choose.",
  "guideFile": "",
  "filters": true,
  "notes": [
    "The table starts with read access to organizations and contacts; add the entities your integration needs in the wizard.",
    "Autotask generates the custom tracking identifier when you save; PSA Connect asks for it along with the secret."
  ],
  "autotask": {
    "permissionsStep": "security_level",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": [
        "Optional: copy the level and remove what your integration does not need. API users allow up to 50 custom levels."
      ]
    },
    "trackingIdentifier": {
      "kind": "custom"
    },
    "steps": [
      {
        "id": "security_level",
        "title": "Choose or copy a security level",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels",
        "detail": "API User (system) works for most integrations. A copy with fewer permissions is safer if your integration only reads.",
        "adminPage": "security_levels"
      },
      {
        "id": "new_api_user",
        "title": "Create a new API user",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User",
        "detail": "Fill in the required general fields and pick the security level.",
        "adminPage": "resources"
      },
      {
        "id": "credentials",
        "title": "Create the username and secret",
        "menuPath": "New API User > Credentials",
        "detail": "Generate Key gives a username in the right e-mail form; Generate Secret gives a strong secret. Copy both."
      },
      {
        "id": "tracking_identifier",
        "title": "Choose Custom (Internal Integration)",
        "menuPath": "New API User > API Tracking Identifier > Custom (Internal Integration)",
        "detail": "Give the integration a name. After saving, Autotask shows the generated tracking identifier: copy it, PSA Connect needs it. It cannot be changed later."
      },
      {
        "id": "save_user",
        "title": "Save the API user",
        "menuPath": "New API User > Save & Close",
        "detail": "Check that you have the username, the secret and the tracking identifier."
      }
    ],
    "permissions": [
      {
        "entity": "Companies",
        "label": "CRM > Organizations",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional"
      },
      {
        "entity": "Contacts",
        "label": "CRM > Contacts",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional"
      }
    ],
    "extras": []
  },
  "connectwise": {
    "apiMemberSteps": [
      {
        "id": "new_api_member",
        "title": "Create an API member",
        "menuPath": "System > Members > API Members > New",
        "detail": "Give it a member ID and name that say what it is for (for example \"api-scripts\"), pick the security role from the next step, and save."
      },
      {
        "id": "api_keys",
        "title": "Create its API keys",
        "menuPath": "System > Members > (API member) > API Keys > +",
        "detail": "Add a key with a description and save. Copy the public and the private key at once: the private key is shown only this one time."
      },
      {
        "id": "client_id",
        "title": "Have your clientId ready",
        "menuPath": "developer.connectwise.com > ClientID",
        "detail": "ConnectWise wants a registered clientId on every API call, and it names the integration, not your company. Register your integration at developer.connectwise.com (ClientID) and copy the clientId it gets (a GUID); PSA Connect asks for it with the private key."
      }
    ],
    "securityRole": {
      "menuPath": "System > Security Roles",
      "modules": [
        {
          "module": "Companies",
          "function": "Company Maintenance",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        },
        {
          "module": "Companies",
          "function": "Contacts",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        }
      ]
    },
    "extras": []
  },
  "settings": [],
  "vendorFilters": []
};
