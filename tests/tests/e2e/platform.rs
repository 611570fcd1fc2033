//! End-to-end, both engines (issue 17): the real app window (WebKitGTK, the engine family of macOS' WKWebView)
//! walks every screen of ui/e2e/screens.json against the simulators, and each screen is compared with the same
//! screen in headless Chromium (the engine of Windows' WebView2), measured by ui/e2e/screens.mjs just before
//! (scripts/test.sh runs it first; its layouts are in target/e2e-layout/chromium/).
//!
//! Per screen, in light and dark theme: a screenshot (target/e2e-screenshots/webkit/), axe-core with no
//! serious or critical violation, every control's box from ui/e2e/layout.js, and the test fails when a control
//! is visible in one engine but not the other, is cut or overflowing in either, when the page scrolls
//! sideways, or on a console error or uncaught exception. Focus must be on the step's heading after Next.
//!
//! The dark theme here: WebKitWebDriver cannot emulate `prefers-color-scheme`, so the page's dark media
//! rules are switched on in place (the same rules, applied to the same DOM), with `color-scheme: dark`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::{poll, E2e, WAIT};
use serde_json::{json, Value};

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// target/ of this build (target/debug/deps/e2e-HASH → target).
fn target_dir() -> PathBuf {
    std::env::current_exe().unwrap().ancestors().nth(3).unwrap().to_path_buf()
}

/// Collects console errors and uncaught exceptions from here on (WebDriver has no console log of its own).
const WATCH_ERRORS: &str = "if (!window.__psaErrors) {
    window.__psaErrors = [];
    const orig = console.error.bind(console);
    console.error = (...a) => { window.__psaErrors.push('console error: ' + a.map(String).join(' ')); orig(...a); };
    window.addEventListener('error', (e) => window.__psaErrors.push('uncaught: ' + e.message));
    window.addEventListener('unhandledrejection', (e) => window.__psaErrors.push('unhandled rejection: ' + String(e.reason && (e.reason.message || e.reason.code) || e.reason)));
  }
  return true;";

/// Switches the page's `prefers-color-scheme: dark` rules on (`true`) or back off (`false`).
const SET_DARK: &str = "const dark = arguments[0];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSMediaRule)) continue;
      if (rule.__psaMedia === undefined && /prefers-color-scheme:\\s*dark/.test(rule.media.mediaText)) rule.__psaMedia = rule.media.mediaText;
      if (rule.__psaMedia !== undefined) rule.media.mediaText = dark ? 'all' : rule.__psaMedia;
    }
  }
  document.documentElement.style.colorScheme = dark ? 'dark' : '';
  return getComputedStyle(document.body).backgroundColor;";

const PAINTED: &str = "const done = arguments[arguments.length - 1];
  document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));";

const RUN_AXE: &str = "const done = arguments[arguments.length - 1];
  window.axe.run(document, { resultTypes: ['violations', 'incomplete'] }).then(
    (r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                            where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
      .concat(r.incomplete.map((v) => ({ id: v.id, impact: 'review', help: v.help, nodes: v.nodes.length, where: [] })))),
    (e) => done({ error: String(e) }));";

/// What hides or cuts a control in one engine's layout of a screen (the same rules as ui/e2e/screens.mjs).
fn layout_problems(layout: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if layout["pageOverflowsX"] == true {
        out.push(format!(
            "the page scrolls sideways (scrollWidth {} > {})",
            layout["scrollWidth"], layout["clientWidth"]
        ));
    }
    for s in layout["sidewaysScrollers"].as_array().into_iter().flatten() {
        out.push(format!("a pane scrolls sideways: {s}"));
    }
    for c in layout["controls"].as_array().into_iter().flatten() {
        if c["visible"] != true {
            continue;
        }
        let key = c["key"].as_str().unwrap_or("?");
        if c["overflowing"] == true {
            out.push(format!("control {key} overflows its box ({})", c["text"]));
        }
        if c["outsideViewport"] == true {
            out.push(format!("control {key} is off the side of the window (box {})", c["box"]));
        } else if c["clipped"] == true {
            out.push(format!("control {key} is cut by a clipping container (box {})", c["box"]));
        }
    }
    out
}

/// Keys of the controls a screen shows.
fn visible_keys(layout: &Value) -> BTreeMap<String, String> {
    layout["controls"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["visible"] == true)
        .map(|c| {
            (c["key"].as_str().unwrap_or_default().to_string(), c["text"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

/// Differences between the two engines' layouts of one screen that would hide a control in one of them.
fn compare_engines(webkit: &Value, chromium: &Value) -> Vec<String> {
    let (w, c) = (visible_keys(webkit), visible_keys(chromium));
    let mut out = Vec::new();
    for (k, text) in &w {
        if !c.contains_key(k) {
            out.push(format!("control {k} ({text:?}) is visible in WebKit but not in Chromium"));
        }
    }
    for (k, text) in &c {
        if !w.contains_key(k) {
            out.push(format!("control {k} ({text:?}) is visible in Chromium but not in WebKit"));
        }
    }
    out.extend(layout_problems(webkit).into_iter().map(|p| format!("WebKit: {p}")));
    out.extend(layout_problems(chromium).into_iter().map(|p| format!("Chromium: {p}")));
    for e in chromium["errors"].as_array().into_iter().flatten() {
        out.push(format!("Chromium: {e}"));
    }
    out
}

struct Walker {
    layout_js: String,
    chromium_dir: PathBuf,
    webkit_dir: PathBuf,
    problems: Vec<String>,
    axe_counts: BTreeMap<String, BTreeMap<String, u64>>,
}

impl Walker {
    async fn exec(&self, e: &E2e, what: &str, script: &str, args: Vec<Value>) -> Value {
        match e.bounded(what, e.client.execute(script, args)).await {
            Ok(v) => v,
            Err(err) => e.fail(&format!("{what}: {err}")).await,
        }
    }

    async fn exec_async(&self, e: &E2e, what: &str, script: &str) -> Value {
        match e.bounded(what, e.client.execute_async(script, vec![])).await {
            Ok(v) => v,
            Err(err) => e.fail(&format!("{what}: {err}")).await,
        }
    }

    /// Runs one action of screens.json in the real window.
    async fn act(&mut self, e: &mut E2e, screen: &str, action: &Value) {
        let (kind, arg) = action.as_object().and_then(|o| o.iter().next()).expect("an action");
        match kind.as_str() {
            "wait" => {
                e.el(arg.as_str().unwrap()).await;
            }
            "waitEnabled" => {
                let el = e.el(arg.as_str().unwrap()).await;
                if poll(WAIT, async || el.is_enabled().await.ok()?.then_some(())).await.is_none() {
                    e.fail(&format!("{arg} stayed disabled")).await;
                }
            }
            "click" => {
                let id = arg.as_str().unwrap();
                let step = "return document.querySelector('form.step')?.dataset.testid ?? ''";
                let before = self.exec(e, "current step", step, vec![]).await;
                e.click(id).await;
                // A radio choice must end up chosen. A click that lands while the step re-renders (a new
                // wizard run mounting) can be lost; clicking again is what a person would do.
                let radio = "const el = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
                             return el && el.type === 'radio' ? el.checked : null";
                for _ in 0..3 {
                    let client = e.client.clone();
                    let checked = poll(std::time::Duration::from_secs(1), async || {
                        let v = client.execute(radio, vec![json!(id)]).await.ok()?;
                        (v != json!(false)).then_some(())
                    })
                    .await;
                    if checked.is_some() {
                        break;
                    }
                    e.click(id).await;
                }
                if id == "btn-next" {
                    let client = e.client.clone();
                    let moved = poll(WAIT, async || {
                        let now = client.execute(step, vec![]).await.ok()?;
                        (now != before).then_some(())
                    })
                    .await;
                    if moved.is_none() {
                        e.fail(&format!("{screen}: Next did not open another step")).await;
                    }
                    // The last step's Done leads to the saved connections, whose heading takes focus the same way.
                    let focus = "const a = document.activeElement; \
                                 return a?.id === 'home-heading' ? 'step-heading' : (a?.dataset?.testid ?? a?.tagName)";
                    let client = e.client.clone();
                    let on_heading = poll(std::time::Duration::from_secs(2), async || {
                        let v = client.execute(focus, vec![]).await.ok()?;
                        (v == "step-heading").then_some(())
                    })
                    .await;
                    if on_heading.is_none() {
                        let at = self.exec(e, "focused element", focus, vec![]).await;
                        self.problems.push(format!("{screen}: focus is on {at} after Next, not on the step's heading"));
                    }
                }
            }
            "type" => {
                let pair = arg.as_array().unwrap();
                e.type_into(pair[0].as_str().unwrap(), pair[1].as_str().unwrap()).await;
            }
            "typeIfPresent" => {
                let pair = arg.as_array().unwrap();
                if e.visible(pair[0].as_str().unwrap()).await {
                    e.type_into(pair[0].as_str().unwrap(), pair[1].as_str().unwrap()).await;
                }
            }
            other => panic!("unknown action {other} in screens.json"),
        }
    }

    /// Screenshot, layout, axe and the comparison with Chromium for the screen on show, in one theme.
    async fn measure(&mut self, e: &mut E2e, screen: &str, theme: &str) {
        let bg = self.exec(e, "set the theme", SET_DARK, vec![json!(theme == "dark")]).await;
        self.exec_async(e, "wait for paint", PAINTED).await;
        e.shot(&format!("{screen}-{theme}")).await;
        let mut layout =
            self.exec(e, "measure the layout", &format!("return (\n{}\n);", self.layout_js.trim()), vec![]).await;
        layout["background"] = bg;
        let errors = self.exec(e, "page errors", "return window.__psaErrors.splice(0)", vec![]).await;
        layout["errors"] = errors.clone();
        let dir = self.webkit_dir.join(theme);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{screen}.json")), serde_json::to_string_pretty(&layout).unwrap()).unwrap();
        for err in errors.as_array().into_iter().flatten() {
            self.problems.push(format!("{screen} ({theme}): WebKit: {err}"));
        }

        let violations = self.exec_async(e, "axe-core", RUN_AXE).await;
        let Some(list) = violations.as_array() else {
            e.fail(&format!("axe-core did not run: {violations}")).await;
        };
        let counts = self.axe_counts.entry(theme.to_string()).or_default();
        for v in list {
            let impact = v["impact"].as_str().unwrap_or("minor").to_string();
            *counts.entry(impact.clone()).or_default() += v["nodes"].as_u64().unwrap_or(0);
            if impact == "serious" || impact == "critical" {
                self.problems.push(format!(
                    "{screen} ({theme}): WebKit axe {impact}: {} ({}) at {}",
                    v["id"], v["help"], v["where"]
                ));
            }
        }

        let chromium_file = self.chromium_dir.join(theme).join(format!("{screen}.json"));
        let Ok(text) = std::fs::read_to_string(&chromium_file) else {
            self.problems.push(format!(
                "{screen} ({theme}): no Chromium layout at {} (run `node ui/e2e/screens.mjs` first; scripts/test.sh does)",
                chromium_file.display()
            ));
            return;
        };
        let chromium: Value = serde_json::from_str(&text).expect("Chromium layout JSON");
        if chromium["viewport"] != layout["viewport"] {
            self.problems.push(format!(
                "{screen}: the engines were measured at different sizes (WebKit {}, Chromium {}): keep ui/e2e/screens.mjs's WINDOW equal to the app window",
                layout["viewport"], chromium["viewport"]
            ));
        }
        for p in compare_engines(&layout, &chromium) {
            self.problems.push(format!("{screen} ({theme}): {p}"));
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn every_screen_in_webkit_matches_chromium_with_no_serious_accessibility_violation() {
    let Some(mut e) = E2e::launch_in_namespace("webkit", "test:e2e-platform").await else {
        return;
    };
    let screens: Value = serde_json::from_str(&read(&ui_dir().join("e2e/screens.json"))).expect("screens.json");
    let axe = read(&ui_dir().join("node_modules/axe-core/axe.min.js"));
    let webkit_dir = target_dir().join("e2e-layout").join("webkit");
    let _ = std::fs::remove_dir_all(&webkit_dir);
    let mut w = Walker {
        layout_js: read(&ui_dir().join("e2e/layout.js")),
        chromium_dir: target_dir().join("e2e-layout").join("chromium"),
        webkit_dir,
        problems: Vec::new(),
        axe_counts: BTreeMap::new(),
    };
    w.exec(&e, "watch for errors", WATCH_ERRORS, vec![]).await;
    w.exec(&e, "load axe-core", &format!("{axe}\nreturn typeof window.axe.run;"), vec![]).await;

    let started = std::time::Instant::now();
    let list = screens["screens"].as_array().expect("screens");
    for screen in list {
        let name = screen["name"].as_str().unwrap();
        e.log(&format!("screen {name}"));
        for action in screen["actions"].as_array().unwrap() {
            w.act(&mut e, name, action).await;
        }
        for theme in ["light", "dark"] {
            w.measure(&mut e, name, theme).await;
        }
        w.exec(&e, "back to light", SET_DARK, vec![json!(false)]).await;
    }
    eprintln!(
        "webkit: {} screens × 2 themes in {:.1} s; axe violations (nodes) per theme: {:?}",
        list.len(),
        started.elapsed().as_secs_f64(),
        w.axe_counts
    );
    if !w.problems.is_empty() {
        let shots = e.shots_dir.display().to_string();
        e.finish().await;
        panic!(
            "{} problem(s) across the engines:\n  {}\nscreenshots: {shots} and target/e2e-screenshots/chromium/",
            w.problems.len(),
            w.problems.join("\n  ")
        );
    }
    e.finish().await;
}

#[test]
fn the_comparison_fails_on_a_control_missing_in_one_engine_or_cut_in_either() {
    let layout = |controls: Value, overflow: bool| json!({ "pageOverflowsX": overflow, "scrollWidth": 1000, "clientWidth": 960, "sidewaysScrollers": [], "controls": controls, "errors": [] });
    let ok = |key: &str| json!({ "key": key, "text": key, "visible": true, "overflowing": false, "outsideViewport": false, "clipped": false, "box": [0, 0, 10, 10] });
    let same = layout(json!([ok("btn-next"), ok("btn-back")]), false);
    assert!(compare_engines(&same, &same).is_empty());

    let missing = layout(json!([ok("btn-next")]), false);
    let d = compare_engines(&same, &missing);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].contains("btn-back") && d[0].contains("not in Chromium"), "{d:?}");

    let mut cut = ok("btn-next");
    cut["clipped"] = json!(true);
    let d = compare_engines(&layout(json!([cut, ok("btn-back")]), true), &same);
    assert!(d.iter().any(|p| p.contains("WebKit: control btn-next is cut")), "{d:?}");
    assert!(d.iter().any(|p| p.contains("scrolls sideways")), "{d:?}");

    let mut hidden = ok("btn-back");
    hidden["visible"] = json!(false);
    hidden["clipped"] = json!(true);
    let d = compare_engines(&layout(json!([ok("btn-next"), hidden]), false), &missing);
    assert!(d.is_empty(), "an invisible control counts in neither engine: {d:?}");
}

// ---- keyboard only -----------------------------------------------------------------------------------------

const TAB: &str = "\u{E004}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

/// The focused element: its testid (or tag), and whether a focus ring is drawn on it (outline or box-shadow,
/// on the element or on the label that wraps it).
const FOCUSED: &str = "const a = document.activeElement;
  if (!a || a === document.body) return { id: 'body', ring: false };
  const ring = (el) => { if (!el) return false; const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); };
  return { id: a.dataset.testid || a.id || a.tagName.toLowerCase(), ring: ring(a) || ring(a.closest('label')),
           focusVisible: a.matches(':focus-visible'), outline: getComputedStyle(a).outline };";

struct Keys {
    /// Controls focus landed on without a visible ring.
    no_ring: Vec<String>,
    landed: usize,
}

impl Keys {
    async fn focused(&self, e: &E2e) -> Value {
        match e.bounded("focused element", e.client.execute(FOCUSED, vec![])).await {
            Ok(v) => v,
            Err(err) => e.fail(&format!("focused element: {err}")).await,
        }
    }

    /// Sends keys to whatever has focus, as a keyboard would.
    async fn press(&mut self, e: &E2e, keys: &str) {
        let active = match e.bounded("active element", e.client.active_element()).await {
            Ok(el) => el,
            Err(err) => e.fail(&format!("no active element: {err}")).await,
        };
        if let Err(err) = e.bounded("send keys", active.send_keys(keys)).await {
            e.fail(&format!("send keys {keys:?}: {err}")).await;
        }
        if keys == TAB || keys == SHIFT_TAB {
            let now = self.focused(e).await;
            self.landed += 1;
            if now["id"] != "body" && now["ring"] != true {
                self.no_ring.push(format!("{} ({})", now["id"], now["outline"]));
            }
        }
    }

    /// Tabs forward until `testid` has focus (at most 80 presses).
    async fn tab_to(&mut self, e: &mut E2e, testid: &str) {
        for _ in 0..80 {
            if self.focused(e).await["id"] == testid {
                return;
            }
            self.press(e, TAB).await;
        }
        e.fail(&format!("Tab never reached [data-testid={testid}]")).await;
    }

    /// Waits until the step's heading has focus (a step just opened).
    async fn heading_focused(&self, e: &mut E2e, step: &str) {
        e.el(&format!("step-{step}")).await;
        let client = e.client.clone();
        let ok = poll(WAIT, async || {
            let v = client.execute(FOCUSED, vec![]).await.ok()?;
            (v["id"] == "step-heading").then_some(())
        })
        .await;
        if ok.is_none() {
            let now = self.focused(e).await;
            e.fail(&format!("step {step} opened with focus on {}, not on its heading", now["id"])).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn autotask_from_launch_to_a_saved_connection_with_the_keyboard_only() {
    let Some(mut e) = E2e::launch_in_namespace("keyboard", "test:e2e-keyboard").await else {
        return;
    };
    use psa_tests::autotask::fixtures;
    let mut k = Keys { no_ring: Vec::new(), landed: 0 };
    e.el("step-choose").await;

    // Step 1: Autotask, then the first integration Tab lands on, chosen with Space; Next with Enter.
    k.tab_to(&mut e, "psa-autotask").await;
    k.press(&e, SPACE).await;
    e.shot("choose-psa-focused").await;
    k.press(&e, TAB).await;
    let integration = k.focused(&e).await["id"].as_str().unwrap_or_default().to_string();
    assert!(integration.starts_with("integration-"), "Tab after the PSA goes to the integrations, got {integration}");
    k.press(&e, SPACE).await;
    e.shot("choose-integration-focused").await;
    k.tab_to(&mut e, "btn-next").await;
    e.shot("choose-next-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "api-user").await;
    e.shot("api-user-heading-focused").await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, ENTER).await;

    // Username and secret: typed into the focused field, Enter submits the step.
    k.heading_focused(&mut e, "username").await;
    k.tab_to(&mut e, "input-username").await;
    k.press(&e, fixtures::FULL_ACCESS_USER).await;
    e.shot("username-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "secret").await;
    k.tab_to(&mut e, "input-secret").await;
    k.press(&e, fixtures::FULL_ACCESS_SECRET).await;
    if e.visible("input-integration-code").await {
        k.tab_to(&mut e, "input-integration-code").await;
        k.press(&e, fixtures::INTEGRATION_CODE).await;
    }
    e.shot("secret-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "zone").await;
    e.wait_text("zone-name", fixtures::ZONE14_NAME).await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "check").await;
    e.el("btn-test-again").await;
    assert_eq!(e.attr("check-summary", "data-ok").await.as_deref(), Some("true"), "the connection test passes");
    k.tab_to(&mut e, "btn-next").await;
    e.shot("check-next-focused").await;
    k.press(&e, ENTER).await;

    // Filters: Shift+Tab from Next goes back to Back, Tab returns to Next.
    k.heading_focused(&mut e, "filters").await;
    e.el("preview-companies").await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, SHIFT_TAB).await;
    assert_eq!(k.focused(&e).await["id"], "btn-back", "Shift+Tab from Next");
    e.shot("filters-back-focused").await;
    k.press(&e, TAB).await;
    assert_eq!(k.focused(&e).await["id"], "btn-next", "Tab from Back");
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "summary").await;
    k.tab_to(&mut e, "btn-save-profile").await;
    e.shot("summary-save-focused").await;
    k.press(&e, ENTER).await;
    // Saving leads on to the vendor's portal form; Done returns to the saved connections.
    k.heading_focused(&mut e, "vendor").await;
    e.el("portal-form").await;
    k.tab_to(&mut e, "btn-next").await;
    e.shot("vendor-done-focused").await;
    k.press(&e, ENTER).await;
    e.el("home-screen").await;
    e.shot("saved").await;
    let saved = psa_core::profiles::ProfileStore::new(e.data_dir.path()).list().expect("profiles");
    assert_eq!(saved.len(), 1, "one connection saved");
    let keys = psa_core::keychain::KeyringStore::new(
        &psa_core::keychain::KeychainNamespace::parse("test:e2e-keyboard").expect("namespace"),
    );
    let _ = psa_core::keychain::SecretStore::delete(&keys, &psa_core::profiles::secret_account(&saved[0].id));

    eprintln!("keyboard: focus landed on {} controls, every one with a visible ring", k.landed);
    assert!(k.landed >= 10, "the walk pressed Tab only {} times: it did not go through the steps", k.landed);
    assert!(k.no_ring.is_empty(), "focus without a visible ring on: {:?}", k.no_ring);
    e.finish().await;
}
