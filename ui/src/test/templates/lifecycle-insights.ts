// Test fixture: psa-core/templates/lifecycle-insights.toml as `template_get` returns it (converted key for key; the TOML
// keys are the wire names). Regenerate when the data file changes.
import type { Template } from "../../bindings.gen";

export const LIFECYCLE_INSIGHTS: Template = {
  "id": "lifecycle-insights",
  "name": "Lifecycle Insights",
  "vendor": "Lifecycle Insights",
  "description": "Brings your Autotask organizations, users and configuration items into Lifecycle Insights, and can write warranty expiry dates back.",
  "guideFile": "002_d759a0a4025fc531.txt",
  "filters": false,
  "notes": [
    "A custom security level is optional: API User (system) works, the restricted copy below is what Lifecycle Insights recommends.",
    "In Lifecycle Insights (Administration > Integrations > Autotask) tick Autotask Integration Active, enter the username and secret exactly as created, click Test Settings and then Save Settings. PSA Connect's last step lists them in that order.",
    "The first sync starts as soon as the settings are saved and can take up to an hour; Lifecycle Insights e-mails you when it is done.",
    "Lifecycle Insights says its recommended permissions may grow as it adds features (projects, creating opportunities); it will tell you when."
  ],
  "autotask": {
    "permissionsStep": "restrict_security_level",
    "securityLevel": {
      "startFrom": "API User (system)",
      "changes": [
        "Name the copy so you will recognise it, for example \"LCI API User\".",
        "Set No Permission for Projects, Timesheets, Reports and Other.",
        "Contracts: in Object Permissions set View to All, and set Contract Visibility to Full.",
        "Admin: tick only Products & Services, Configuration Items, Sales & Opportunities and Resources/Users (HR).",
        "Inventory: set everything to None or No, except Products > View, which is All.",
        "CRM: the guide gives these values only in a picture, not in its text (see the manual check); turn Opportunities on if you want them in Lifecycle Insights.",
        "Service Desk: the guide gives these values only in a picture, not in its text (see the manual check)."
      ]
    },
    "trackingIdentifier": {
      "kind": "integration_vendor",
      "vendorName": "Lifecycle Insights - Business Analytics & Marketing"
    },
    "steps": [
      {
        "id": "open_resources",
        "title": "Open Resources/Users",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users",
        "detail": "You need Autotask administrator rights for these steps.",
        "adminPage": "resources"
      },
      {
        "id": "new_api_user",
        "title": "Create a new API user",
        "menuPath": "Resources/Users > New > New API User",
        "detail": "Open the arrow beside New and choose New API User. Fill in every required field of the General tab (first name, last name, e-mail and so on).",
        "adminPage": "resources"
      },
      {
        "id": "credentials",
        "title": "Set the username and secret",
        "menuPath": "New API User > Credentials",
        "detail": "Enter a username, then a unique strong password (the secret) twice. Write both down exactly: Lifecycle Insights needs them as typed."
      },
      {
        "id": "tracking_identifier",
        "title": "Choose Lifecycle Insights as the integration vendor",
        "menuPath": "New API User > API Tracking Identifier > Integration Vendor",
        "detail": "Select Integration Vendor, then \"Lifecycle Insights - Business Analytics & Marketing\". Autotask does not let you change this later."
      },
      {
        "id": "save_user",
        "title": "Save the API user",
        "menuPath": "New API User > Save & Close",
        "detail": "Autotask may point out further required fields; fill them in and save again."
      },
      {
        "id": "copy_security_level",
        "title": "Optional: copy API User (system)",
        "menuPath": "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels",
        "detail": "Open the menu icon beside API User (system) (API-only) and choose Copy. Skip this and the next two steps to keep the default level.",
        "adminPage": "security_levels"
      },
      {
        "id": "restrict_security_level",
        "title": "Optional: restrict the copy",
        "menuPath": "Security level (copy of API User (system))",
        "detail": "Apply the changes listed under the security level: no permission for Projects, Timesheets, Reports and Other; contracts viewable in full; only the four Admin items; inventory closed except viewing products."
      },
      {
        "id": "assign_security_level",
        "title": "Optional: give the API user the new level",
        "menuPath": "Resources/Users > (your API user) > Edit > General > Security Level",
        "detail": "Open the API user you created, pick the restricted level under Security Level and save.",
        "adminPage": "resources"
      },
      {
        "id": "check_protected_udfs",
        "title": "Unprotect the user-defined fields you want in LCI",
        "menuPath": "Admin > Application-Wide (Shared) Features > User-Defined Fields > Configuration Items",
        "detail": "Open each configuration item field you want Lifecycle Insights to see. If Protected is ticked, untick it and Save & Close; protected fields never reach the API user unless its level is granted protected-data access, which LCI advises against.",
        "adminPage": "user_defined_fields"
      }
    ],
    "permissions": [
      {
        "entity": "Companies",
        "label": "CRM > Organizations",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Organizations (accounts) are read into Lifecycle Insights."
      },
      {
        "entity": "Contacts",
        "label": "CRM > Contacts",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Users are read into Lifecycle Insights."
      },
      {
        "entity": "ConfigurationItems",
        "label": "CRM > Configuration Items",
        "read": "required",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Assets are read; Edit is needed only if you let LCI write warranty expiry dates back."
      },
      {
        "entity": "Contracts",
        "label": "Contracts (View: All, visibility Full)",
        "read": "required",
        "create": "optional",
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
      },
      {
        "entity": "Opportunities",
        "label": "CRM > Opportunities",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Only if you want opportunities in Lifecycle Insights."
      },
      {
        "entity": "Projects",
        "label": "Projects",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Only on the guide's restricted level, which sets Projects to No Permission; with API User (system), which the guide accepts, leave it as it is."
      },
      {
        "entity": "TimeEntries",
        "label": "Timesheets",
        "read": "optional",
        "create": "optional",
        "update": "optional",
        "delete": "optional",
        "note": "Only on the guide's restricted level, which sets Timesheets to No Permission; with API User (system), which the guide accepts, leave it as it is."
      }
    ],
    "extras": [
      {
        "kind": "protected_udf_note",
        "entity": "ConfigurationItems",
        "why": "Autotask leaves protected user-defined fields out of API answers unless the security level may see protected data, so those fields will be missing in Lifecycle Insights."
      },
      {
        "kind": "manual_check",
        "text": "The guide shows the CRM and Service Desk settings of the restricted level only in pictures; its text names none of them. Confirm them by hand against the pictures in the Lifecycle Insights guide."
      },
      {
        "kind": "manual_check",
        "text": "For Admin the guide says \"only the following two items\" but lists four (Products & Services, Configuration Items, Sales & Opportunities, Resources/Users (HR)). The four are listed here; confirm by hand with Lifecycle Insights."
      },
      {
        "kind": "manual_check",
        "text": "Reports and Other should be No Permission on the restricted level; the API cannot show these sections, so confirm them by hand."
      }
    ]
  },
  "portal": {
    "autotask": {
      "portal": "Lifecycle Insights",
      "menuPath": "Administration > Integrations > Autotask",
      "success": "Connection Successful",
      "items": [
        {
          "label": "Autotask Integration Active (tick it)"
        },
        {
          "label": "API Username",
          "value": "username",
          "note": "Exactly as set up in Autotask."
        },
        {
          "label": "API Password",
          "value": "secret",
          "note": "Exactly as set up in Autotask."
        },
        {
          "label": "Test Settings"
        }
      ],
      "later": [
        "If the test does not say it worked, e-mail Lifecycle Insights.",
        "Save Settings. With Autotask Integration Active ticked, the first sync starts at once and can take up to an hour; Lifecycle Insights e-mails you when it is done."
      ]
    }
  },
  "settings": [],
  "vendorFilters": []
};
