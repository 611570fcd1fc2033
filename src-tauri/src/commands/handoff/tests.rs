//! The hand-off state machine, the script pushed to the page and the launch's arguments.

use super::*;

// The integration tests' drift report, which keeps itself free of Tauri for inclusions like this one.
#[path = "../../../tests/common/drift.rs"]
mod drift;

fn refused(message: &str) -> HandoffOpened {
    Err::<HandoffDraft, _>(PsaError::internal(message)).into()
}

fn draft(user: &str) -> HandoffOpened {
    let profile = ProfileInput {
        name: user.into(),
        template: "custom".into(),
        connection: psa_core::connection::Connection::autotask(user, "CODE", None),
        filters: Default::default(),
        settings: Default::default(),
        notes: String::new(),
    };
    let draft = HandoffDraft {
        open_step: WizardStep::Secret,
        profile,
        template_name: "Custom".into(),
        secret_hosts: Vec::new(),
    };
    HandoffOpened { draft: Some(draft), error: None }
}

fn last_name(handoffs: &Handoffs) -> Option<String> {
    lock(&handoffs.last_draft).as_ref().map(|d| d.profile.name.clone())
}

/// A hand-off whose texts a script could break: quotes, a closing script tag, line separators, other alphabets.
fn odd_draft() -> HandoffOpened {
    let mut odd = draft("o'brien\"@example.com");
    let d = odd.draft.as_mut().unwrap();
    d.profile.name = "Müller für 🚀".into();
    d.profile.notes = "</script> \u{2028}\u{2029} done".into();
    odd
}

/// The JSON text a pushed script hands to `JSON.parse`.
fn pushed_json(opened: &HandoffOpened) -> serde_json::Value {
    let script = push_script(opened).expect("a script");
    let literal = script
        .strip_prefix("(window.__PSA_HANDOFFS__ = window.__PSA_HANDOFFS__ || []).push(JSON.parse(\"")
        .and_then(|s| s.strip_suffix("\")); window.dispatchEvent(new Event(\"psa-handoff\"));"))
        .unwrap_or_else(|| panic!("not a string for JSON.parse: {script}"));
    assert!(script.is_ascii(), "{script}");
    let text: String = serde_json::from_str(&format!("\"{literal}\"")).expect("a JSON string literal");
    serde_json::from_str(&text).expect("JSON inside")
}

#[test]
fn the_pushed_script_carries_the_hand_off_as_data_whatever_its_text() {
    let back = pushed_json(&draft("a@example.com"));
    assert_eq!(back["draft"]["profile"]["connection"]["username"], "a@example.com");
    // Quotes, a closing script tag, line separators, other alphabets and a __proto__ key come back as the
    // same data, through an ASCII-only script.
    let mut odd = odd_draft();
    let d = odd.draft.as_mut().unwrap();
    d.profile.settings.insert("__proto__".into(), serde_json::json!({ "polluted": true }));
    let back = pushed_json(&odd);
    assert_eq!(back["draft"]["profile"]["connection"]["username"], "o'brien\"@example.com");
    assert_eq!(back["draft"]["profile"]["name"], "Müller für 🚀");
    assert_eq!(back["draft"]["profile"]["notes"], "</script> \u{2028}\u{2029} done");
    assert_eq!(back["draft"]["profile"]["settings"]["__proto__"]["polluted"], true);
    let back = pushed_json(&refused("bad link"));
    assert!(back["draft"].is_null() && back["error"]["details"] == "bad link", "{back}");
}

#[test]
fn arrivals_wait_for_a_loaded_page_and_the_newest_is_the_one_to_open() {
    let handoffs = Handoffs::default();
    let none = Vec::<HandoffOpened>::new();
    // No page yet (a macOS start delivers its link before the window exists): they wait, in order, at
    // most a handful.
    assert_eq!(handoffs.arrive(draft("a@example.com")), none);
    for n in 0..WAITING_KEPT {
        assert_eq!(handoffs.arrive(draft(&format!("{n}@example.com"))), none);
    }
    assert_eq!(handoffs.arrive(refused("bad link")), none);
    assert_eq!(last_name(&handoffs).as_deref(), Some("7@example.com"), "a refused one leaves the draft");
    // The first load: started (committed), then finished: what waited is pushed then, the oldest gone.
    assert_eq!(handoffs.page_changed(false), none);
    let waited = handoffs.page_changed(true);
    assert_eq!(waited.len(), WAITING_KEPT);
    assert_eq!(waited[0], draft("1@example.com"));
    assert_eq!(waited[WAITING_KEPT - 1], refused("bad link"));
    // A loaded page takes the next one at once, and nothing is pushed twice.
    assert_eq!(handoffs.arrive(draft("b@example.com")), vec![draft("b@example.com")]);
    assert_eq!(handoffs.page_changed(true), none);
    // A reload (its navigation, then its load): arrivals wait for the new page, not the one being left.
    assert_eq!(handoffs.page_changed(false), none);
    assert_eq!(handoffs.arrive(draft("c@example.com")), none);
    assert_eq!(handoffs.page_changed(false), none);
    assert_eq!(handoffs.page_changed(true), vec![draft("c@example.com")]);
    assert_eq!(last_name(&handoffs).as_deref(), Some("c@example.com"));
}

#[test]
fn arrivals_do_not_wait_for_ever_for_a_load_that_never_finishes() {
    let handoffs = Handoffs::default();
    handoffs.page_changed(true);
    handoffs.page_changed(false);
    assert_eq!(handoffs.arrive(draft("a@example.com")), Vec::<HandoffOpened>::new());
    // The load began long ago and never said it finished (stopped, or its web process gone).
    let long_ago = Instant::now().checked_sub(LOAD_GIVES_UP + Duration::from_secs(1)).expect("a past instant");
    lock(&handoffs.delivery).page = Page::Changing(long_ago);
    assert_eq!(handoffs.arrive(draft("b@example.com")), vec![draft("a@example.com"), draft("b@example.com")]);
    // Before any page at all, arrivals wait: there is nothing to give up on yet.
    let fresh = Handoffs::default();
    assert_eq!(fresh.arrive(draft("c@example.com")), Vec::<HandoffOpened>::new());
}

#[test]
fn the_launch_hand_off_is_a_link_as_the_only_argument_or_a_hand_off_file() {
    let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    let dir = tempfile::tempdir().unwrap();
    // A link is taken only as the single argument, as the deep-link plugin takes it; a bad one is refused.
    let link = launch_handoff_in(args(&["app", "psa-connect://setup?d=not-base64"]), dir.path());
    assert!(link.is_some_and(|o| o.draft.is_none() && o.error.is_some()));
    assert_eq!(launch_handoff_in(args(&["app", "psa-connect://setup?d=x", "--verbose"]), dir.path()), None);
    assert_eq!(launch_handoff_in(args(&["app"]), dir.path()), None);
    assert_eq!(launch_handoff_in(args(&["app", "--verbose"]), dir.path()), None);
    // A file is read from the launch's working directory; an unreadable one arrives as an error.
    let opened = launch_handoff_in(args(&["app", "missing.psaconnect"]), dir.path()).expect("a file argument");
    assert!(opened.draft.is_none(), "{opened:?}");
    let error = opened.error.expect("an error");
    assert!(error.message.contains(&dir.path().join("missing.psaconnect").display().to_string()), "{error:?}");
}

#[test]
fn the_launch_hand_off_given_to_the_page_is_the_one_opened() {
    let handoffs = Handoffs::default();
    assert_eq!(last_name(&handoffs), None);
    handoffs.launch_given(&draft("a@example.com"));
    assert_eq!(last_name(&handoffs).as_deref(), Some("a@example.com"));
    handoffs.launch_given(&refused("bad link"));
    assert_eq!(last_name(&handoffs).as_deref(), Some("a@example.com"));
}

/// The UI's tests run these very scripts as the app's pushes (`ui/src/support/handoff-push.fixture.json`), so
/// the page is tested against what `push_script` makes, not against a copy of its format. The file is made
/// here; refresh it with `UPDATE_FIXTURES=1 cargo test -p psa-connect-app --lib handoff` and commit it.
#[test]
fn the_ui_tests_run_the_scripts_the_app_pushes() {
    let mut odd = odd_draft();
    odd.draft.as_mut().unwrap().open_step = WizardStep::Username;
    let scripts: Vec<String> = [draft("first@example.com"), odd, refused("bad link")]
        .iter()
        .map(|o| push_script(o).expect("a script"))
        .collect();
    let made = serde_json::to_string_pretty(&serde_json::json!({
        "madeBy": "src-tauri/src/commands/handoff/tests.rs (the_ui_tests_run_the_scripts_the_app_pushes)",
        "scripts": scripts,
    }))
    .unwrap()
        + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/support/handoff-push.fixture.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &made).expect("write the fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == made,
        "{} differs from what push_script makes now ({}). Refresh it with UPDATE_FIXTURES=1 cargo test -p \
         psa-connect-app --lib handoff, and commit it (the UI's hand-off tests run it)",
        path.display(),
        drift::first_difference(&committed, &made, "push_script now")
    );
}
