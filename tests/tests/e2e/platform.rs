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
