//! Entity metadata: `entityInformation`, `entityInformation/fields`, `entityInformation/userDefinedFields`.
//! Companies and Contacts carry the real filter fields; the other known entities get an id and one text
//! field, enough for permission probes and empty queries.

use serde_json::{json, Value};

use super::config::{Access, DataSet};
use super::picklists::{company_picklist, has_company_category, PickValue};

pub struct EntityDef {
    /// REST path name, e.g. "Companies".
    pub path: &'static str,
    /// `info.name`, e.g. "Company".
    pub singular: &'static str,
    pub can_create: bool,
    pub can_update: bool,
    pub can_delete: bool,
    pub has_udfs: bool,
    /// The one text field of entities without generated data.
    pub label_field: &'static str,
}

const fn e(
    path: &'static str,
    singular: &'static str,
    c: bool,
    u: bool,
    d: bool,
    udf: bool,
    label: &'static str,
) -> EntityDef {
    EntityDef { path, singular, can_create: c, can_update: u, can_delete: d, has_udfs: udf, label_field: label }
}

/// Every entity the simulator serves (a superset of `psa_core::autotask::KNOWN_ENTITIES`).
pub const ENTITIES: &[EntityDef] = &[
    e("Companies", "Company", true, true, false, true, "companyName"),
    e("Contacts", "Contact", true, true, true, true, "lastName"),
    e("Resources", "Resource", false, true, false, false, "userName"),
    e("Tickets", "Ticket", true, true, false, true, "title"),
    e("Contracts", "Contract", true, true, false, true, "contractName"),
    e("Products", "Product", true, true, false, true, "name"),
    e("Services", "Service", true, true, false, false, "name"),
    e("Opportunities", "Opportunity", true, true, false, true, "title"),
    e("Quotes", "Quote", true, true, false, false, "name"),
    e("Invoices", "Invoice", false, true, false, false, "invoiceNumber"),
    e("ConfigurationItems", "ConfigurationItem", true, true, false, true, "referenceTitle"),
    e("Projects", "Project", true, true, false, true, "projectName"),
    e("TimeEntries", "TimeEntry", true, true, true, false, "summaryNotes"),
    e("CompanyLocations", "CompanyLocation", true, true, true, false, "name"),
    e("ContractServices", "ContractService", true, true, false, false, "invoiceDescription"),
    e("BillingItems", "BillingItem", false, true, false, false, "description"),
    e("CompanyCategories", "CompanyCategory", true, true, true, false, "name"),
    // Where `isProtected` lives (KelvinTegelaar/AutotaskAPI `v1.json`, `UserDefinedFieldDefinitionModel`).
    e("UserDefinedFieldDefinitions", "UserDefinedFieldDefinition", true, true, false, false, "name"),
];

/// Looks an entity up by path name, case-insensitively.
pub fn entity(name: &str) -> Option<&'static EntityDef> {
    ENTITIES.iter().find(|e| e.path.eq_ignore_ascii_case(name))
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: &'static str,
    /// "integer", "string", "boolean", "dateTime" (Autotask's dataType strings).
    pub data_type: &'static str,
    pub length: u32,
    pub is_required: bool,
    pub is_read_only: bool,
    pub reference_entity: Option<&'static str>,
    pub picklist: Option<&'static [PickValue]>,
}

fn f(name: &'static str, data_type: &'static str) -> FieldDef {
    let length = if data_type == "string" { 100 } else { 0 };
    FieldDef {
        name,
        data_type,
        length,
        is_required: false,
        is_read_only: false,
        reference_entity: None,
        picklist: None,
    }
}

pub fn fields(entity: &EntityDef, set: DataSet) -> Vec<FieldDef> {
    let mut id = f("id", "integer");
    id.is_read_only = true;
    id.is_required = true;
    match entity.path {
        "Companies" => {
            let pick = |name: &'static str| {
                let mut fd = f(name, "integer");
                fd.picklist = company_picklist(set, name);
                fd
            };
            let mut v = vec![id, f("companyName", "string"), pick("companyType")];
            v[1].is_required = true;
            v[2].is_required = true;
            v.extend([pick("marketSegmentID"), pick("territoryID"), pick("classification"), f("isActive", "boolean")]);
            if has_company_category(set) {
                v.push(pick("companyCategoryID"));
            }
            let mut owner = f("ownerResourceID", "integer");
            owner.reference_entity = Some("Resource");
            v.extend([f("phone", "string"), f("city", "string"), owner]);
            v
        }
        "Contacts" => {
            let mut company = f("companyID", "integer");
            company.reference_entity = Some("Company");
            company.is_required = true;
            vec![
                id,
                company,
                f("firstName", "string"),
                f("lastName", "string"),
                f("emailAddress", "string"),
                // An integer 0/1, not a boolean and not a picklist.
                f("isActive", "integer"),
                f("title", "string"),
            ]
        }
        // Fields of `UserDefinedFieldDefinitionModel` in the swagger (a subset).
        "UserDefinedFieldDefinitions" => vec![
            id,
            f("name", "string"),
            f("isProtected", "boolean"),
            f("isActive", "boolean"),
            f("isPrivate", "boolean"),
            f("udfType", "integer"),
            f("dataType", "integer"),
        ],
        _ => vec![id, f(entity.label_field, "string")],
    }
}

/// Finds a field by name, case-insensitively (Autotask field names are not case-sensitive).
pub fn find_field<'a>(fields: &'a [FieldDef], name: &str) -> Option<&'a FieldDef> {
    fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

pub fn info_json(entity: &EntityDef, access: Access, form: super::config::AccessForm) -> Value {
    json!({"info": {
        "name": entity.singular,
        "canCreate": entity.can_create,
        "canDelete": entity.can_delete,
        "canQuery": true,
        "canUpdate": entity.can_update,
        "userAccessForCreate": form.render(access.create),
        "userAccessForDelete": form.render(access.delete),
        "userAccessForQuery": form.render(access.query),
        "userAccessForUpdate": form.render(access.update),
        "hasUserDefinedFields": entity.has_udfs,
        "supportsWebhookCallouts": matches!(entity.path, "Companies" | "Contacts" | "Tickets" | "ConfigurationItems"),
    }})
}

pub fn fields_json(entity: &EntityDef, set: DataSet) -> Value {
    let list: Vec<Value> = fields(entity, set)
        .iter()
        .map(|fd| {
            let values: Vec<Value> = fd
                .picklist
                .unwrap_or(&[])
                .iter()
                .map(|p| {
                    json!({
                        "value": p.value.to_string(),
                        "label": p.label,
                        "isDefaultValue": p.is_default,
                        "sortOrder": p.sort_order,
                        "parentValue": "",
                        "isActive": p.is_active,
                        "isSystem": p.is_system,
                    })
                })
                .collect();
            json!({
                "name": fd.name,
                "dataType": fd.data_type,
                "length": fd.length,
                "isRequired": fd.is_required,
                "isReadOnly": fd.is_read_only,
                "isQueryable": true,
                "isReference": fd.reference_entity.is_some(),
                "referenceEntityType": fd.reference_entity.unwrap_or(""),
                "isPickList": fd.picklist.is_some(),
                "picklistValues": if fd.picklist.is_some() { Value::Array(values) } else { Value::Null },
                "picklistParentValueField": "",
                "isSupportedWebhookField": false,
            })
        })
        .collect();
    json!({ "fields": list })
}

/// One entry of `entityInformation/userDefinedFields`: the swagger's `Field` model, which has no `isProtected`
/// (KelvinTegelaar/AutotaskAPI `v1.json`); that flag lives on `UserDefinedFieldDefinitions` (see
/// [`udf_definitions`]).
fn udf(name: &str, data_type: &str) -> Value {
    json!({
        "name": name,
        "label": name,
        "type": data_type,
        "dataType": data_type,
        "isRequired": false,
        "isReadOnly": false,
        "isQueryable": true,
        "isReference": false,
        "isPickList": false,
        "picklistValues": null,
    })
}

/// Companies carry "Number of Employees" everywhere; Contoso's configuration items add one open and one
/// protected field (the Lifecycle Insights template warns about protected ones), Fabrikam's have none.
pub fn udfs_json(entity: &EntityDef, set: DataSet) -> Value {
    let fields = match (entity.path, set) {
        ("Companies", _) => vec![udf(super::fixtures::EMPLOYEES_UDF, "integer")],
        ("ConfigurationItems", DataSet::Contoso) => {
            vec![udf(super::fixtures::OPEN_CI_UDF, "string"), udf(super::fixtures::PROTECTED_CI_UDF, "string")]
        }
        _ => vec![],
    };
    json!({ "fields": fields })
}

/// The tenant's `UserDefinedFieldDefinitions` rows. `udfType` numbers are the simulator's choice (no source at
/// hand maps them to entities; the engine does not rely on them).
pub fn udf_definitions(set: DataSet) -> Vec<Value> {
    let def = |id: i64, name: &str, udf_type: i64, protected: bool| {
        json!({"id": id, "name": name, "isProtected": protected, "isActive": true, "isPrivate": false,
            "udfType": udf_type, "dataType": 1})
    };
    let mut v = vec![def(29_682_801, super::fixtures::EMPLOYEES_UDF, 1, false)];
    if set == DataSet::Contoso {
        v.push(def(29_682_802, super::fixtures::OPEN_CI_UDF, 2, false));
        v.push(def(29_682_803, super::fixtures::PROTECTED_CI_UDF, 2, true));
    }
    v
}
