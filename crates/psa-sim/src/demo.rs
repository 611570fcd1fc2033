//! The demo logins `psa-sim` (and so `start.sh --demo`) prints: for every integration template, one login
//! that passes the connection test and one per kind of failure, each labelled with what it shows. Worked
//! out from the templates' own needs and the simulator's users, so the listing cannot drift from either.

use psa_core::autotask::EntityNeed;
use psa_core::model::Psa;
use psa_core::templates;

use crate::autotask::config::{Access, SimConfig, UserDef, UserStatus};
use crate::autotask::fixtures as fx;
use crate::connectwise::fixtures as cwfx;

/// What a connection test with `user` shows for a template needing `needs`: `None` when it passes, else
/// the entities (and rights) it lacks.
pub fn missing_for(user: &UserDef, needs: &[EntityNeed]) -> Vec<String> {
    let mut missing = Vec::new();
    for n in needs {
        let a: Access = user.access.get(&n.entity).copied().unwrap_or(user.default_access);
        let mut lacks = Vec::new();
        if n.read && a.query == 0 {
            lacks.push("read");
        }
        if n.create && a.create == 0 {
            lacks.push("add");
        }
        if n.update && a.update == 0 {
            lacks.push("edit");
        }
        if n.delete == Some(true) && a.delete == 0 {
            lacks.push("delete");
        }
        if !lacks.is_empty() {
            missing.push(format!("{} ({})", n.entity, lacks.join(", ")));
        }
    }
    missing
}

fn line(out: &mut String, what: &str, user: &str, secret: &str) {
    out.push_str(&format!("    {what:<34} {user} / {secret}\n"));
}

/// The listing: per Autotask template a passing login and a permission failure where the template has one,
/// then the failures every template shares, then ConnectWise (Sync 365 and Custom).
pub fn listing(cfg: &SimConfig) -> String {
    let user = |name: &str| cfg.users.iter().find(|u| u.username == name);
    let mut out = String::from(
        "Demo logins (simulator-only values). Every Autotask login uses the integration code above only for the \
         Custom template; the vendor templates send their own.\n",
    );
    let candidates = [fx::GOOD_USER, fx::NO_CONTACTS_USER, fx::RESTRICTED_USER];
    for t in templates::load_all().unwrap_or_default() {
        if !t.psas().contains(&Psa::Autotask) {
            continue;
        }
        let needs = t.autotask_needs();
        out.push_str(&format!("  {} (--template {}):\n", t.name, t.id));
        if let Some(full) = user(fx::FULL_ACCESS_USER) {
            let passes = missing_for(full, &needs).is_empty();
            let label = if passes { "passes" } else { "fails (unexpected)" };
            line(&mut out, label, &full.username, &full.secret);
        }
        let failing = candidates.iter().filter_map(|c| user(c)).find_map(|u| {
            let m = missing_for(u, &needs);
            (!m.is_empty()).then_some((u, m))
        });
        match failing {
            Some((u, missing)) => {
                line(&mut out, "fails: missing permissions", &u.username, &u.secret);
                out.push_str(&format!("      lacks {}\n", missing.join("; ")));
            }
            None => out.push_str(
                "    no permission failure: the guide requires no permission (its table is a recommendation)\n",
            ),
        }
    }
    out.push_str("  Failures every Autotask template shows the same way:\n");
    let good = user(fx::FULL_ACCESS_USER);
    if let Some(u) = good {
        line(&mut out, "fails: wrong secret", &u.username, "any other secret");
    }
    line(&mut out, "fails: unknown username (zone step)", fx::UNKNOWN_USER, "any secret");
    for (status, what) in [
        (UserStatus::NotApiUser, "fails: not an API user"),
        (UserStatus::Locked, "fails: user locked"),
        (UserStatus::Inactive, "fails: user inactive"),
    ] {
        if let Some(u) = cfg.users.iter().find(|u| u.status == status) {
            line(&mut out, what, &u.username, &u.secret);
        }
    }
    if let Some(u) = user(fx::MOVED_USER) {
        line(&mut out, "zone moved (test finds the new one)", &u.username, &u.secret);
    }
    out.push_str(&format!(
        "  ConnectWise (region North America, company {}), public key / private key:\n",
        cwfx::CONTOSO
    ));
    // Checked against the simulator with `psa-connect connectwise check --template …`.
    let cw = [
        ("passes Sync 365 and Custom", cwfx::ADMIN),
        ("passes Custom; Sync 365 fails: Agreements, Table Setup", cwfx::GOOD),
        ("passes Custom; Sync 365 fails: read-only role", cwfx::READ_ONLY),
        ("fails both: Contacts not allowed", cwfx::NO_CONTACTS),
    ];
    for (what, k) in cw {
        line(&mut out, what, k.public_key, k.private_key);
    }
    line(&mut out, "fails: wrong private key", cwfx::ADMIN.public_key, "any other key");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_a_passing_login_and_binox_names_its_failure() {
        let text = listing(&SimConfig::standard());
        assert!(!text.contains("unexpected"), "{text}");
        let per_template = text.matches("passes ").count();
        assert!(per_template >= 6, "{text}");
        let binox = text.split("Binox MSP").nth(1).unwrap();
        assert!(binox.contains("fails: missing permissions"), "{text}");
        assert!(text.contains("no permission failure"), "Infinigate requires none: {text}");
    }
}
