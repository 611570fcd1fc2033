//! Rule-by-rule tests of the parser and validator on small hand-written templates. The shipped files are
//! covered in `tests/templates.rs`.

use super::*;
use crate::error::ErrorCode;

/// A smallest valid template; tests break one thing in it at a time.
const MINIMAL: &str = r#"
id = "mini"
name = "Mini"
vendor = "Mini Vendor"
description = "Smallest valid template."
guideFile = ""
filters = false

[autotask]
permissionsStep = "make_user"

[autotask.securityLevel]
startFrom = "API User (system)"

[autotask.trackingIdentifier]
kind = "integration_vendor"
vendorName = "Mini - Tests"

[[autotask.steps]]
id = "make_user"
title = "Make the user"
menuPath = "Admin > Resources"
detail = "Do it."
adminPage = "resources"

[[autotask.permissions]]
entity = "Companies"
label = "CRM"
read = "required"
create = "optional"
update = "required"
delete = "forbidden"
"#;

fn err_of(text: &str) -> PsaError {
    parse("mini.toml", text).expect_err("template should be rejected")
}

fn assert_invalid(text: &str, field: &str) {
    let e = err_of(text);
    assert_eq!(e.code, ErrorCode::TemplateInvalid, "{e:?}");
    assert!(e.message.contains("mini.toml"), "message should name the file: {}", e.message);
    assert!(e.message.contains(field), "message should name `{field}`: {}", e.message);
    assert_eq!(e.details.as_deref(), Some(format!("file=mini.toml field={field}").as_str()));
}

#[test]
fn minimal_template_parses_and_maps_to_engine_needs() {
    let t = parse("mini.toml", MINIMAL).unwrap();
    assert_eq!(t.psas(), vec![Psa::Autotask]);
    let needs = t.autotask_needs();
    assert_eq!(needs.len(), 1);
    let n = &needs[0];
    assert_eq!(n.entity, "Companies");
    assert!(n.read && !n.create && n.update);
    assert_eq!(n.delete, Some(false));
    assert_eq!(n.guide_step.as_deref(), Some("Make the user (Admin > Resources)"));
}

#[test]
fn wrong_type_names_the_nested_field() {
    let text = MINIMAL.replace("delete = \"forbidden\"", "delete = \"sometimes\"");
    assert_invalid(&text, "autotask.permissions[0].delete");
}

#[test]
fn missing_field_names_the_field_itself() {
    let text = MINIMAL.replace("title = \"Make the user\"\n", "");
    assert_invalid(&text, "autotask.steps[0].title");
}

#[test]
fn unknown_key_is_rejected() {
    let text = MINIMAL.replace("filters = false", "filters = false\nfilterz = true");
    let e = err_of(&text);
    assert_eq!(e.code, ErrorCode::TemplateInvalid);
    assert!(e.message.contains("filterz"), "{}", e.message);
}

#[test]
fn broken_toml_syntax_is_template_invalid_with_a_line() {
    let text = MINIMAL.replace("name = \"Mini\"", "name = \"Mini");
    let e = err_of(&text);
    assert_eq!(e.code, ErrorCode::TemplateInvalid);
    assert!(e.message.contains("line 3"), "{}", e.message);
}

#[test]
fn entity_the_engine_cannot_probe_is_rejected() {
    let text = MINIMAL.replace("entity = \"Companies\"", "entity = \"Widgets\"");
    assert_invalid(&text, "autotask.permissions[0].entity");
}

#[test]
fn duplicate_entity_is_rejected() {
    let row = "\n[[autotask.permissions]]\nentity = \"Companies\"\nlabel = \"again\"\nread = \"required\"\ncreate = \"optional\"\nupdate = \"optional\"\ndelete = \"optional\"\n";
    assert_invalid(&format!("{MINIMAL}{row}"), "autotask.permissions[1].entity");
}

#[test]
fn id_must_match_the_file_name() {
    let e = parse("other.toml", MINIMAL).unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateInvalid);
    assert!(e.message.contains("other.toml") && e.message.contains("id"), "{}", e.message);
}

#[test]
fn permissions_step_must_exist() {
    let text = MINIMAL.replace("permissionsStep = \"make_user\"", "permissionsStep = \"nowhere\"");
    assert_invalid(&text, "autotask.permissionsStep");
}

#[test]
fn custom_identifier_cannot_carry_a_vendor_name() {
    let text = MINIMAL.replace("kind = \"integration_vendor\"", "kind = \"custom\"");
    assert_invalid(&text, "autotask.trackingIdentifier.vendorName");
}

#[test]
fn unnamed_vendor_needs_a_manual_check() {
    let text = MINIMAL.replace("vendorName = \"Mini - Tests\"\n", "");
    assert_invalid(&text, "autotask.trackingIdentifier.vendorName");
    let with_check = format!("{text}\n[[autotask.extras]]\nkind = \"manual_check\"\ntext = \"Ask the vendor.\"\n");
    parse("mini.toml", &with_check).unwrap();
}

#[test]
fn contact_extra_needs_a_real_email() {
    let extra = "\n[[autotask.extras]]\nkind = \"contact_must_exist\"\nfirstName = \"A\"\nlastName = \"B\"\nemail = \"not an email\"\nwhy = \"x\"\n";
    assert_invalid(&format!("{MINIMAL}{extra}"), "autotask.extras[0].email");
}

#[test]
fn choice_default_must_be_an_option() {
    let setting = "\n[[settings]]\nid = \"speed\"\nlabel = \"Speed\"\nkind = \"choice\"\noptions = [{ value = \"slow\", label = \"Slow\" }, { value = \"fast\", label = \"Fast\" }]\ndefault = \"medium\"\nhelp = \"h\"\n";
    assert_invalid(&format!("{MINIMAL}{setting}"), "settings[0].default");
    parse("mini.toml", &format!("{MINIMAL}{}", setting.replace("medium", "fast"))).unwrap();
}

#[test]
fn template_needs_a_psa_section() {
    let text = MINIMAL.split("[autotask]").next().unwrap().to_string();
    assert_invalid(&text, "autotask");
}

#[test]
fn connectwise_rows_need_a_required_level_and_manual_extras_only() {
    let cw = "\n[connectwise]\n[[connectwise.apiMemberSteps]]\nid = \"m\"\ntitle = \"t\"\nmenuPath = \"System > Members\"\ndetail = \"d\"\n[connectwise.securityRole]\nmenuPath = \"System > Security Roles\"\n[[connectwise.securityRole.modules]]\nmodule = \"Companies\"\nfunction = \"Contacts\"\ninquire = \"optional\"\nadd = \"optional\"\nedit = \"optional\"\ndelete = \"forbidden\"\n";
    assert_invalid(&format!("{MINIMAL}{cw}"), "connectwise.securityRole.modules[0].inquire");
    let ok = cw.replace("inquire = \"optional\"", "inquire = \"required\"");
    let t = parse("mini.toml", &format!("{MINIMAL}{ok}")).unwrap();
    assert_eq!(t.psas(), vec![Psa::Autotask, Psa::Connectwise]);
    let udf = "[[connectwise.extras]]\nkind = \"protected_udf_note\"\nentity = \"Companies\"\nwhy = \"w\"\n";
    assert_invalid(&format!("{MINIMAL}{ok}{udf}"), "connectwise.extras[0].kind");
}

#[test]
fn wire_form_is_camel_case_with_tagged_extras() {
    let extra = "\n[[autotask.extras]]\nkind = \"contact_must_exist\"\nfirstName = \"Unregistered\"\nlastName = \"User\"\nwhy = \"x\"\n";
    let t = parse("mini.toml", &format!("{MINIMAL}{extra}")).unwrap();
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["guideFile"], "");
    assert_eq!(v["autotask"]["securityLevel"]["startFrom"], "API User (system)");
    assert_eq!(v["autotask"]["steps"][0]["adminPage"], "resources");
    assert_eq!(v["autotask"]["extras"][0]["kind"], "contact_must_exist");
    assert_eq!(v["autotask"]["extras"][0]["firstName"], "Unregistered");
    assert!(v["autotask"]["extras"][0].get("email").is_none());
    assert!(v.get("connectwise").is_none());
    // What goes out comes back unchanged (the UI may send a template back for a custom check).
    let back: Template = serde_json::from_value(v).unwrap();
    assert_eq!(back, t);
}

#[test]
fn unknown_id_lists_the_valid_ones() {
    let e = get("no-such-vendor").unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateUnknown);
    assert!(e.message.contains("no-such-vendor"));
    for id in ids() {
        assert!(e.fix.contains(&id), "fix should list {id}: {}", e.fix);
    }
}

#[test]
fn unknown_key_inside_an_extra_is_rejected() {
    let extra = "\n[[autotask.extras]]\nkind = \"manual_check\"\ntext = \"t\"\ntexts = \"typo\"\n";
    let e = err_of(&format!("{MINIMAL}{extra}"));
    assert_eq!(e.code, ErrorCode::TemplateInvalid);
    assert!(e.message.contains("autotask.extras[0]") && e.message.contains("texts"), "{}", e.message);
}
