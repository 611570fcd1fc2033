//! The rules a template must follow beyond its TOML shape. Each failure names the file and the field path
//! (e.g. `autotask.permissions[2].entity`), because the person who meets it is editing that file.

use std::collections::HashSet;

use super::invalid;
use super::types::*;
use crate::error::PsaError;
use crate::model::Psa;
use crate::need::KNOWN_ENTITIES;

type Check = Result<(), (String, String)>;

fn fail(field: impl Into<String>, problem: impl Into<String>) -> Check {
    Err((field.into(), problem.into()))
}

fn filled(field: &str, value: &str) -> Check {
    if value.trim().is_empty() {
        return fail(field, "must not be empty");
    }
    Ok(())
}

/// Lowercase letters, digits and one separator, not at either end.
fn is_slug(value: &str, sep: char) -> bool {
    !value.is_empty()
        && !value.starts_with(sep)
        && !value.ends_with(sep)
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == sep)
}

fn known_entity(field: &str, entity: &str) -> Check {
    if !KNOWN_ENTITIES.contains(&entity) {
        return fail(
            field,
            format!("\"{entity}\" is not an entity the engine can probe ({})", KNOWN_ENTITIES.join(", ")),
        );
    }
    Ok(())
}

fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

impl Template {
    /// Checks the rules below; `file` is the name errors show and must be `<id>.toml`.
    pub fn validate(&self, file: &str) -> Result<(), PsaError> {
        check_template(self, file).map_err(|(field, problem)| invalid(file, &field, &problem))
    }
}

fn check_template(t: &Template, file: &str) -> Check {
    if !is_slug(&t.id, '-') {
        return fail("id", "must be lowercase letters, digits and dashes");
    }
    let stem = file.rsplit('/').next().unwrap_or(file).strip_suffix(".toml").unwrap_or(file);
    if stem != t.id {
        return fail("id", format!("is \"{}\" but the file is named {file}; they must match", t.id));
    }
    filled("name", &t.name)?;
    filled("vendor", &t.vendor)?;
    filled("description", &t.description)?;
    if t.autotask.is_none() && t.connectwise.is_none() {
        return fail("autotask", "a template needs an [autotask] or a [connectwise] section");
    }
    if let Some(at) = &t.autotask {
        check_autotask(at)?;
    }
    if let Some(cw) = &t.connectwise {
        check_connectwise(cw)?;
    }
    check_settings(&t.settings)?;
    for (i, note) in t.notes.iter().enumerate() {
        filled(&format!("notes[{i}]"), note)?;
    }
    for (i, group) in t.vendor_filters.iter().enumerate() {
        if !FILTER_GROUP_KEYS.contains(&group.as_str()) {
            return fail(
                format!("vendorFilters[{i}]"),
                format!("\"{group}\" is not a filter group ({})", FILTER_GROUP_KEYS.join(", ")),
            );
        }
    }
    if !t.vendor_filters.is_empty() && !t.filters {
        return fail("vendorFilters", "names filter groups but `filters` is false");
    }
    if let Some(portal) = &t.portal {
        if portal.autotask.is_none() && portal.connectwise.is_none() {
            return fail("portal", "needs [portal.autotask] or [portal.connectwise]");
        }
        if let Some(plan) = &portal.autotask {
            if t.autotask.is_none() {
                return fail("portal.autotask", "the template has no [autotask] setup");
            }
            check_portal("portal.autotask", plan, Psa::Autotask)?;
        }
        if let Some(plan) = &portal.connectwise {
            if t.connectwise.is_none() {
                return fail("portal.connectwise", "the template has no [connectwise] setup");
            }
            check_portal("portal.connectwise", plan, Psa::Connectwise)?;
        }
    }
    Ok(())
}

/// The wizard's filter group keys (ui/src/wizard/filters.ts FILTER_GROUPS).
pub const FILTER_GROUP_KEYS: &[&str] = &[
    "companyTypes",
    "companyStatuses",
    "companyCategories",
    "markets",
    "territories",
    "classifications",
    "contactStatuses",
];

fn check_portal(prefix: &str, plan: &PortalPlan, psa: Psa) -> Check {
    filled(&format!("{prefix}.portal"), &plan.portal)?;
    filled(&format!("{prefix}.menuPath"), &plan.menu_path)?;
    if !plan.items.iter().any(|i| i.value.is_some()) {
        return fail(format!("{prefix}.items"), "needs at least one field with a value");
    }
    let mut seen = HashSet::new();
    for (i, item) in plan.items.iter().enumerate() {
        let at = format!("{prefix}.items[{i}]");
        filled(&format!("{at}.label"), &item.label)?;
        if let Some(note) = &item.note {
            filled(&format!("{at}.note"), note)?;
        }
        let Some(value) = item.value else { continue };
        let fits = match psa {
            Psa::Autotask => matches!(
                value,
                PortalValue::Username
                    | PortalValue::Secret
                    | PortalValue::ZoneWebservices
                    | PortalValue::EndpointHost
                    | PortalValue::KeyUserColonSecret
            ),
            Psa::Connectwise => matches!(
                value,
                PortalValue::CompanyId | PortalValue::ApiHost | PortalValue::PublicKey | PortalValue::PrivateKey
            ),
        };
        if !fits {
            return fail(format!("{at}.value"), format!("{value:?} is not a value of this PSA"));
        }
        if !seen.insert(value) {
            return fail(format!("{at}.value"), format!("{value:?} is asked for twice"));
        }
    }
    if let Some(success) = &plan.success {
        filled(&format!("{prefix}.success"), success)?;
    }
    for (i, later) in plan.later.iter().enumerate() {
        filled(&format!("{prefix}.later[{i}]"), later)?;
    }
    Ok(())
}

fn check_steps(prefix: &str, steps: &[GuideStep], admin_pages_allowed: bool) -> Check {
    if steps.is_empty() {
        return fail(prefix, "needs at least one step");
    }
    let mut ids = HashSet::new();
    for (i, step) in steps.iter().enumerate() {
        let at = format!("{prefix}[{i}]");
        if !is_slug(&step.id, '_') {
            return fail(format!("{at}.id"), "must be lowercase letters, digits and underscores");
        }
        if !ids.insert(step.id.as_str()) {
            return fail(format!("{at}.id"), format!("\"{}\" is used by an earlier step", step.id));
        }
        filled(&format!("{at}.title"), &step.title)?;
        filled(&format!("{at}.detail"), &step.detail)?;
        if step.admin_page.is_some() && !admin_pages_allowed {
            return fail(format!("{at}.adminPage"), "admin pages are Autotask pages");
        }
    }
    Ok(())
}

fn check_extras(prefix: &str, extras: &[Extra], manual_only: bool) -> Check {
    for (i, extra) in extras.iter().enumerate() {
        let at = format!("{prefix}[{i}]");
        match extra {
            Extra::ManualCheck(m) => filled(&format!("{at}.text"), &m.text)?,
            _ if manual_only => return fail(format!("{at}.kind"), "only manual_check applies here"),
            Extra::ContactMustExist(c) => {
                filled(&format!("{at}.firstName"), &c.first_name)?;
                filled(&format!("{at}.lastName"), &c.last_name)?;
                filled(&format!("{at}.why"), &c.why)?;
                if let Some(email) = &c.email {
                    if !looks_like_email(email) {
                        return fail(format!("{at}.email"), format!("\"{email}\" is not an e-mail address"));
                    }
                }
            }
            Extra::ProtectedUdfNote(u) => {
                known_entity(&format!("{at}.entity"), &u.entity)?;
                filled(&format!("{at}.why"), &u.why)?;
            }
        }
    }
    Ok(())
}

fn check_autotask(at: &AutotaskSetup) -> Check {
    filled("autotask.securityLevel.startFrom", &at.security_level.start_from)?;
    for (i, change) in at.security_level.changes.iter().enumerate() {
        filled(&format!("autotask.securityLevel.changes[{i}]"), change)?;
    }

    let tid = &at.tracking_identifier;
    match (tid.kind, &tid.vendor_name) {
        (TrackingKind::Custom, Some(_)) => {
            return fail("autotask.trackingIdentifier.vendorName", "a custom identifier has no vendor name")
        }
        (TrackingKind::Custom, None) if tid.code.is_some() => {
            return fail("autotask.trackingIdentifier.code", "a custom code belongs to one database; leave it out")
        }
        (TrackingKind::IntegrationVendor, Some(name)) => filled("autotask.trackingIdentifier.vendorName", name)?,
        (TrackingKind::IntegrationVendor, None) => {
            // The guide did not name the list entry: the checklist has to say so honestly.
            if !at.extras.iter().any(|e| matches!(e, Extra::ManualCheck(_))) {
                return fail(
                    "autotask.trackingIdentifier.vendorName",
                    "missing; when the guide does not name the vendor entry, add a manual_check extra saying so",
                );
            }
        }
        (TrackingKind::Custom, None) => {}
    }
    if let Some(code) = &tid.code {
        if code.trim().is_empty() || code.chars().any(char::is_whitespace) {
            return fail("autotask.trackingIdentifier.code", "must be a code without spaces");
        }
    }

    check_steps("autotask.steps", &at.steps, true)?;
    if !at.steps.iter().any(|s| s.id == at.permissions_step) {
        return fail("autotask.permissionsStep", format!("\"{}\" is not the id of a step", at.permissions_step));
    }

    if at.permissions.is_empty() {
        return fail("autotask.permissions", "needs at least one entity");
    }
    let mut seen = HashSet::new();
    for (i, row) in at.permissions.iter().enumerate() {
        let field = format!("autotask.permissions[{i}].entity");
        known_entity(&field, &row.entity)?;
        if !seen.insert(row.entity.as_str()) {
            return fail(field, format!("\"{}\" appears twice", row.entity));
        }
        filled(&format!("autotask.permissions[{i}].label"), &row.label)?;
    }

    check_extras("autotask.extras", &at.extras, false)?;
    if let Some(rule) = &at.username_rule {
        filled("autotask.usernameRule", rule)?;
    }
    Ok(())
}

fn check_connectwise(cw: &ConnectwiseSetup) -> Check {
    check_steps("connectwise.apiMemberSteps", &cw.api_member_steps, false)?;
    let role = &cw.security_role;
    filled("connectwise.securityRole.menuPath", &role.menu_path)?;
    if let Some(simple) = &role.simple_choice {
        filled("connectwise.securityRole.simpleChoice", simple)?;
    }
    if role.modules.is_empty() {
        return fail("connectwise.securityRole.modules", "needs at least one module function");
    }
    let mut seen = HashSet::new();
    for (i, row) in role.modules.iter().enumerate() {
        let at = format!("connectwise.securityRole.modules[{i}]");
        filled(&format!("{at}.module"), &row.module)?;
        filled(&format!("{at}.function"), &row.function)?;
        if !seen.insert((row.module.to_lowercase(), row.function.to_lowercase())) {
            return fail(format!("{at}.function"), format!("{} / {} appears twice", row.module, row.function));
        }
        if ![row.inquire, row.add, row.edit, row.delete].contains(&Access::Required) {
            return fail(format!("{at}.inquire"), "a role row needs at least one required level");
        }
    }
    if let Some(id) = &cw.client_id {
        let guid_like =
            id.len() == 36
                && id.chars().enumerate().all(|(i, c)| {
                    if [8, 13, 18, 23].contains(&i) {
                        c == '-'
                    } else {
                        c.is_ascii_hexdigit()
                    }
                });
        if !guid_like {
            return fail("connectwise.clientId", "must be a GUID like 00000000-0000-0000-0000-000000000000");
        }
    }
    check_extras("connectwise.extras", &cw.extras, true)
}

fn check_settings(settings: &[SettingField]) -> Check {
    let mut ids = HashSet::new();
    for (i, s) in settings.iter().enumerate() {
        let at = format!("settings[{i}]");
        if !is_slug(&s.id, '_') {
            return fail(format!("{at}.id"), "must be lowercase letters, digits and underscores");
        }
        if !ids.insert(s.id.as_str()) {
            return fail(format!("{at}.id"), format!("\"{}\" is used by an earlier setting", s.id));
        }
        filled(&format!("{at}.label"), &s.label)?;
        filled(&format!("{at}.help"), &s.help)?;
        match s.kind {
            SettingKind::Choice => {
                if s.options.len() < 2 {
                    return fail(format!("{at}.options"), "a choice needs at least two options");
                }
                let mut values = HashSet::new();
                for (j, o) in s.options.iter().enumerate() {
                    filled(&format!("{at}.options[{j}].value"), &o.value)?;
                    filled(&format!("{at}.options[{j}].label"), &o.label)?;
                    if !values.insert(o.value.as_str()) {
                        return fail(format!("{at}.options[{j}].value"), format!("\"{}\" appears twice", o.value));
                    }
                }
                if let Some(d) = &s.default {
                    if !values.contains(d.as_str()) {
                        return fail(format!("{at}.default"), format!("\"{d}\" is not one of the options"));
                    }
                }
            }
            SettingKind::Text | SettingKind::Number => {
                if !s.options.is_empty() {
                    return fail(format!("{at}.options"), "only a choice has options");
                }
                if let (SettingKind::Number, Some(d)) = (s.kind, &s.default) {
                    if d.trim().parse::<f64>().is_err() {
                        return fail(format!("{at}.default"), format!("\"{d}\" is not a number"));
                    }
                }
            }
        }
    }
    Ok(())
}
