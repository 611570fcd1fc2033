// Test fixture: psa-core/templates/sync365-license.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const SYNC365: Template = {
  "id": "sync365-license",
  "name": "Sync 365 License",
  "vendor": "Sync 365",
  "description": "Keeps Microsoft 365 licence counts in step with your PSA agreements or contracts. Works with Autotask and ConnectWise Manage.",
  "guideFile": "003_df2a9ad12c098864.txt",
  "filters": false,
  "notes": [
    "In Sync 365 (Tools and Logs > Integration Settings > + next to PSA Tools) choose your PSA type, enter the details PSA Connect's last step lists, then Test and Save.",
    "For Autotask, Sync 365's form asks for the zone as \"webservicesN\", where N is the number in your wwN.autotask.net address; PSA Connect detects it and its last step shows the value to type.",
    "For ConnectWise, Sync 365 asks for your company ID, the API host (your myconnectwise site with api- in front: api-na, api-eu or api-aus.myconnectwise.net, or your own host if you run ConnectWise yourself) and the public and private keys.",
    "After a successful test Sync 365 fetches your customers, agreements or contracts, and products."
  ],
  "autotask": {
    "permissionsStep": "restrict_security_level",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": [
        "Contracts: View All and Add; allow changing the service or bundle on contract charges; Contract Visibility Full.",
        "CRM: Customer & Cancellations All; organizations (accounts) Add and Edit; contacts Add.",
        "Inventory: items View All; products View All; product notes Edit All.",
        "Admin: Accounts & Contacts; Products, Services & Inventory; Contracts & Un-Posting.",
        "Web Services API: Can login to Web Services API."
      ]
    },
    "trackingIdentifier": {
      "kind": "integration_vendor",
      "vendorName": "Sync 365 License"
    },
    "steps": [
      {
        "id": "new_api_user",
        "title": "Create a new API user",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User",
        "detail": "Some Autotask versions label the second level Company Settings & Users. Fill in the required general fields.",
        "adminPage": "resources"
      },
      {
        "id": "tracking_identifier",
        "title": "Choose Sync 365 License as the integration vendor",
        "menuPath": "New API User > API Tracking Identifier > Integration Vendor",
        "detail": "Select Integration Vendor and pick Sync 365 License. Autotask does not let you change this later."
      },
      {
        "id": "credentials",
        "title": "Create the username and secret",
        "menuPath": "New API User > Credentials",
        "detail": "Use Generate Key and Generate Secret, or type your own. Copy both before saving."
      },
      {
        "id": "restrict_security_level",
        "title": "Pick or restrict the security level",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels",
        "detail": "The default API User (system) level is enough. To lock it down, copy that level, apply the changes listed under the security level and give the copy to this API user.",
        "adminPage": "security_levels"
      },
      {
        "id": "save_user",
        "title": "Save the API user",
        "menuPath": "New API User > Save & Close",
        "detail": "Keep the username and secret at hand for Sync 365."
      }
    ],
    "permissions": [
      {
        "entity": "Contracts",
        "label": "Contracts (View: All, Add; visibility Full)",
        "read": "required",
        "create": "required",
        "update": "optional",
        "delete": "optional"
      },
      {
        "entity": "Companies",
        "label": "CRM > Customer & Cancellations, Accounts",
        "read": "required",
        "create": "required",
        "update": "required",
        "delete": "optional"
      },
      {
        "entity": "Contacts",
        "label": "CRM > Contacts",
        "read": "required",
        "create": "required",
        "update": "optional",
        "delete": "optional"
      },
      {
        "entity": "Products",
        "label": "Inventory > Products (View: All)",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional"
      }
    ],
    "extras": [
      {
        "kind": "manual_check",
        "text": "The guide writes the vendor as \"Sync 365 License\"; Autotask's list may show a longer label. Confirm by hand that you picked the entry starting with that name."
      },
      {
        "kind": "manual_check",
        "text": "Contract Visibility Full, changing the service or bundle on contract charges, inventory items, product notes and the three Admin permissions cannot be read through the API. Confirm them by hand on the restricted level."
      }
    ]
  },
  "connectwise": {
    "apiMemberSteps": [
      {
        "id": "open_api_members",
        "title": "Open the API members",
        "menuPath": "System > Members > API Members",
        "detail": "You need admin or member-management rights in ConnectWise Manage. An API member (rather than keys on a person's account) keeps Sync 365's changes traceable."
      },
      {
        "id": "new_api_member",
        "title": "Create the API member",
        "menuPath": "System > Members > API Members > New",
        "detail": "Member ID S365, member name Sync 365. Role ID: Admin for the simple route, or the custom role below. Department: Admin or any department that is not restricted; location as you need. Save the member."
      },
      {
        "id": "api_keys",
        "title": "Create the API keys",
        "menuPath": "System > Members > (API member) > API Keys > +",
        "detail": "Give the key a description such as s365 and save. Copy the public and the private key now: ConnectWise never shows the private key again."
      }
    ],
    "securityRole": {
      "menuPath": "System > Security Roles",
      "simpleChoice": "Admin",
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
          "add": "required",
          "edit": "required",
          "delete": "optional"
        },
        {
          "module": "Finance",
          "function": "Agreement Invoicing",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        },
        {
          "module": "Finance",
          "function": "Agreements",
          "inquire": "required",
          "add": "required",
          "edit": "required",
          "delete": "optional"
        },
        {
          "module": "Finance",
          "function": "Invoicing",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        },
        {
          "module": "Procurement",
          "function": "Product Catalog",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        },
        {
          "module": "Procurement",
          "function": "Products",
          "inquire": "required",
          "add": "optional",
          "edit": "optional",
          "delete": "optional"
        },
        {
          "module": "System",
          "function": "Table Setup",
          "inquire": "required",
          "add": "optional",
          "edit": "required",
          "delete": "optional",
          "note": "Choose Customize and allow the tables \"Agreements / Batch\" and \"Agreements / Agreement Type\"."
        }
      ]
    },
    "extras": [
      {
        "kind": "manual_check",
        "text": "Table Setup access is limited to the two agreement tables through Customize; the API shows the level but not the table list. Confirm by hand that both tables are allowed."
      },
      {
        "kind": "manual_check",
        "text": "If you host ConnectWise yourself and restrict access by IP address or location, allow Sync 365's published IP addresses (listed in its knowledge base) before testing."
      }
    ]
  },
  "portal": {
    "autotask": {
      "portal": "Sync 365 License",
      "menuPath": "sync.s365l.com > Tools and Logs > Integration Settings",
      "items": [
        {
          "label": "+ next to PSA Tools"
        },
        {
          "label": "PSA Type: Autotask"
        },
        {
          "label": "Zone",
          "value": "zone_webservices",
          "note": "webservices followed by the number of your wwN.autotask.net address."
        },
        {
          "label": "Username",
          "value": "username"
        },
        {
          "label": "Secret",
          "value": "secret"
        },
        {
          "label": "Test and Save Credentials"
        }
      ],
      "later": [
        "Sync 365 checks that it can connect, then fetches the latest data from Autotask."
      ]
    },
    "connectwise": {
      "portal": "Sync 365 License",
      "menuPath": "Sync 365 License > Tools and Logs > Integration Settings",
      "items": [
        {
          "label": "+ next to PSA Tools"
        },
        {
          "label": "PSA Type: Connectwise"
        },
        {
          "label": "Company ID",
          "value": "company_id"
        },
        {
          "label": "Connectwise URL",
          "value": "api_host",
          "note": "Your site with api- in front: api-na, api-eu or api-aus.myconnectwise.net, or your own server's host if you host ConnectWise yourself."
        },
        {
          "label": "Public key",
          "value": "public_key"
        },
        {
          "label": "Private key",
          "value": "private_key"
        },
        {
          "label": "Test and Save"
        }
      ],
      "later": [
        "Sync 365 confirms the connection, then fetches your customers, agreements and products."
      ]
    }
  },
  "settings": [],
  "vendorFilters": []
};
