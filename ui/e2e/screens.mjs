// Every screen of PSA Connect in headless Chromium (the engine of Windows' WebView2), with Tauri's IPC answered
// from what the real engine answered against the simulators (recorded-ipc.json, kept true by
// src-tauri/tests/ipc_recording.rs). Walks ui/e2e/screens.json in light and dark theme, and again at 800×600
// and at 200 % zoom (twice the text size: 400×300 CSS pixels drawn at 2×), and for every screen:
//   - saves a screenshot under target/e2e-screenshots/chromium/<run>/,
//   - runs axe-core: any serious or critical violation fails; the rest is counted and printed,
//   - measures every control (ui/e2e/layout.js): a control cut, overflowing or off to the side fails, so does a
//     page that scrolls sideways; the light and dark layouts are kept in target/e2e-layout/chromium/ for the
//     WebKit comparison (tests/tests/e2e/platform.rs),
//   - fails on a console error, an uncaught exception or a command without a recorded answer,
//   - checks that focus is on the step's heading when a wizard step opens.
// Usage (after `npm run build`): node e2e/screens.mjs. Exit status 0 = all passed.
// PSA_CONNECT_CHROMIUM overrides /usr/bin/chromium. Without Chromium the run is skipped (exit 0) unless
// PSA_CONNECT_E2E_REQUIRED=1, which makes it a failure.
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const UI = resolve(HERE, "..");
const REPO = resolve(UI, "..");
const DIST = join(UI, "dist");
const SHOTS = join(REPO, "target", "e2e-screenshots", "chromium");
const LAYOUTS = join(REPO, "target", "e2e-layout", "chromium");
const CHROMIUM = process.env.PSA_CONNECT_CHROMIUM || "/usr/bin/chromium";
const REQUIRED = process.env.PSA_CONNECT_E2E_REQUIRED === "1";
/** The app window's size (src-tauri/tauri.conf.json) and its minimum. */
const WINDOW = { width: 960, height: 680 };
const SMALL = { width: 800, height: 600 };
const WAIT_MS = 10_000;

const screens = JSON.parse(readFileSync(join(HERE, "screens.json"), "utf8")).screens;
// PSA_CONNECT_RECORDED_IPC: another recording (when trying out a change to the engine by hand).
const recorded = readFileSync(process.env.PSA_CONNECT_RECORDED_IPC || join(HERE, "recorded-ipc.json"), "utf8");
const mockSource = readFileSync(join(HERE, "ipc-mock.js"), "utf8");
const layoutSource = readFileSync(join(HERE, "layout.js"), "utf8");
const axeSource = readFileSync(join(UI, "node_modules", "axe-core", "axe.min.js"), "utf8");

const failures = [];
const fail = (run, screen, what) => failures.push(`[${run}] ${screen}: ${what}`);

if (!existsSync(CHROMIUM)) {
  const why = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium, or set PSA_CONNECT_CHROMIUM)`;
  if (REQUIRED) {
    console.error(`FAILED: ${why}; PSA_CONNECT_E2E_REQUIRED=1 is set`);
    process.exit(1);
  }
  console.log(`SKIPPED the Chromium screen tests: ${why}. Set PSA_CONNECT_E2E_REQUIRED=1 to fail instead.`);
  process.exit(0);
}
if (!existsSync(join(DIST, "index.html"))) {
  console.error("FAILED: ui/dist is missing: run npm run build first");
  process.exit(1);
}

// ---- the built UI on 127.0.0.1, as the app serves it ------------------------------------------------------
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2", ".json": "application/json" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(DIST, path);
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, "index.html");
  res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const BASE = `http://127.0.0.1:${server.address().port}/`;

// Launch flags for this machine (shared/recipes.md): no sandbox as root, no GPU, no calls home.
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

const tid = (id) => `[data-testid="${id}"]`;

/** Runs one screen's actions (the vocabulary of screens.json). Returns a note when a step's heading did not
 * take focus after Next. */
async function act(page, action) {
  const [kind, arg] = Object.entries(action)[0];
  switch (kind) {
    case "wait":
      await page.locator(tid(arg)).first().waitFor({ state: "visible", timeout: WAIT_MS });
      return;
    case "waitEnabled":
      await page.waitForSelector(`${tid(arg)}:not([disabled])`, { timeout: WAIT_MS });
      return;
    case "click": {
      const before = await page.evaluate(() => document.querySelector("form.step")?.dataset.testid ?? "");
      await page.locator(tid(arg)).first().click({ timeout: WAIT_MS });
      // A radio choice must end up chosen (as in the WebKit walk): a click lost to a re-render is repeated.
      for (let i = 0; i < 3; i++) {
        const checked = await page
          .waitForFunction((t) => { const el = document.querySelector(`[data-testid="${t}"]`); return !el || el.type !== "radio" || el.checked; }, arg, { timeout: 1000 })
          .then(() => true, () => false);
        if (checked) break;
        await page.locator(tid(arg)).first().click({ timeout: WAIT_MS });
      }
      if (arg === "btn-next") {
        // A new step opened: its heading has focus (screen readers announce it).
        await page.waitForFunction((b) => (document.querySelector("form.step")?.dataset.testid ?? "") !== b, before, { timeout: WAIT_MS });
        // The last step's Done leads to the saved connections, whose heading takes focus the same way.
        const focused = await page
          .waitForFunction(() => document.activeElement?.dataset?.testid === "step-heading" || document.activeElement?.id === "home-heading", null, { timeout: 2000 })
          .then(() => true, () => false);
        if (!focused) {
          const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? "none");
          return `focus did not move to the step's heading after Next (it is on ${where})`;
        }
      }
      return;
    }
    case "type":
      await page.locator(tid(arg[0])).fill(arg[1], { timeout: WAIT_MS });
      return;
    case "typeIfPresent":
      if (await page.locator(tid(arg[0])).count()) await page.locator(tid(arg[0])).fill(arg[1], { timeout: WAIT_MS });
      return;
    default:
      throw new Error(`unknown action ${kind} in screens.json`);
  }
}

/** Problems in one screen's layout that hide or cut a control. */
export function layoutProblems(layout) {
  const out = [];
  if (layout.pageOverflowsX) out.push(`the page scrolls sideways (scrollWidth ${layout.scrollWidth} > ${layout.clientWidth})`);
  for (const s of layout.sidewaysScrollers) out.push(`a pane scrolls sideways: ${s}`);
  for (const c of layout.controls) {
    if (!c.visible) continue;
    if (c.overflowing) out.push(`control ${c.key} overflows its box ("${c.text}")`);
    if (c.outsideViewport) out.push(`control ${c.key} is off the side of the window (box ${c.box})`);
    else if (c.clipped) out.push(`control ${c.key} is cut by a clipping container (box ${c.box})`);
  }
  return out;
}

const axeTotals = {};
/** axe's 'incomplete' results (a person has to judge them) per rule, over every run. */
const reviewRules = {};
const runsDone = [];

/** One walk through every screen. `opts`: colorScheme, viewport, scale (device pixels per CSS pixel), axe,
 * keepLayouts. */
async function walk(run, opts) {
  const started = Date.now();
  const shotDir = join(SHOTS, run);
  rmSync(shotDir, { recursive: true, force: true });
  mkdirSync(shotDir, { recursive: true });
  if (opts.keepLayouts) mkdirSync(join(LAYOUTS, run), { recursive: true });
  const context = await browser.newContext({
    viewport: opts.viewport,
    deviceScaleFactor: opts.scale ?? 1,
    colorScheme: opts.colorScheme,
    reducedMotion: "reduce",
  });
  await context.addInitScript(`window.__PSA_RECORDED__ = ${recorded};\n${mockSource}`);
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(BASE);
  await page.addScriptTag({ content: axeSource });
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0, review: 0 };
  let n = 0;
  for (const screen of screens) {
    n += 1;
    const notes = [];
    try {
      for (const action of screen.actions) {
        const note = await act(page, action);
        if (note) notes.push(note);
      }
    } catch (e) {
      fail(run, screen.name, `could not reach the screen: ${e.message.split("\n")[0]}`);
      await page.screenshot({ path: join(shotDir, `zz-failed-${screen.name}.png`) });
      break;
    }
    // Let spinners settle and fonts paint before measuring.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    await page.screenshot({ path: join(shotDir, `${String(n).padStart(2, "0")}-${screen.name}.png`) });
    const layout = await page.evaluate(layoutSource);
    layout.errors = [...errors];
    if (opts.keepLayouts) writeFileSync(join(LAYOUTS, run, `${screen.name}.json`), JSON.stringify(layout, null, 1));
    for (const p of layoutProblems(layout)) fail(run, screen.name, p);
    for (const note of notes) fail(run, screen.name, note);
    for (const e of errors.splice(0)) fail(run, screen.name, e);
    if (opts.axe) {
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations", "incomplete"] }));
      // What axe could not decide, node by node, beside the layout (for whoever reviews them by hand).
      const review = result.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.map((x) => ({ target: x.target.join(" "), why: [...x.any, ...x.all].map((c) => c.message) })) }));
      writeFileSync(join(shotDir, `${String(n).padStart(2, "0")}-${screen.name}.axe-review.json`), JSON.stringify(review, null, 1));
      for (const v of result.incomplete) {
        counts.review = (counts.review ?? 0) + v.nodes.length;
        reviewRules[v.id] = (reviewRules[v.id] ?? 0) + v.nodes.length;
      }
      for (const v of result.violations) {
        counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes.length;
        if (v.impact === "serious" || v.impact === "critical") {
          const where = v.nodes.slice(0, 3).map((x) => x.target.join(" ")).join(", ");
          fail(run, screen.name, `axe ${v.impact}: ${v.id} (${v.help}) at ${where}`);
        }
      }
    }
  }
  const unanswered = await page.evaluate(() => window.__PSA_UNANSWERED__);
  if (unanswered.length) fail(run, "ipc", `commands without a recorded answer: ${[...new Set(unanswered)].join(", ")}`);
  await context.close();
  if (opts.axe) axeTotals[run] = counts;
  runsDone.push(run);
  console.log(`chromium ${run}: ${n} screens in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (opts.axe ? `; axe violations (nodes): critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}; to review by hand (axe 'incomplete') ${counts.review}` : ""));
}

const t0 = Date.now();
try {
  const runs = {
    light: { colorScheme: "light", viewport: WINDOW, axe: true, keepLayouts: true },
    dark: { colorScheme: "dark", viewport: WINDOW, axe: true, keepLayouts: true },
    "small-800x600": { colorScheme: "light", viewport: SMALL },
    // 200 % text: the 800×600 window zoomed to 200 %, as the browser zooms: half the CSS pixels across, each
    // drawn twice as large (the screenshots are 800×600).
    "text-200": { colorScheme: "light", viewport: { width: SMALL.width / 2, height: SMALL.height / 2 }, scale: 2 },
  };
  // PSA_CONNECT_SCREEN_RUNS=light,dark: only those runs (when working on one of them).
  const only = (process.env.PSA_CONNECT_SCREEN_RUNS || "").split(",").filter(Boolean);
  for (const [name, opts] of Object.entries(runs)) if (!only.length || only.includes(name)) await walk(name, opts);
} finally {
  await browser.close();
  server.close();
}
mkdirSync(LAYOUTS, { recursive: true });
writeFileSync(join(LAYOUTS, "summary.json"), JSON.stringify({ axe: axeTotals, axeReview: reviewRules, failures, screens: screens.map((s) => s.name) }, null, 1));
if (Object.keys(reviewRules).length) console.log(`axe, to review by hand, per rule: ${JSON.stringify(reviewRules)}`);
console.log(`screenshots: ${SHOTS}; layouts: ${LAYOUTS}; ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
if (failures.length) {
  console.error(`\nFAILED: ${failures.length} problem(s) in headless Chromium:`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`chromium: every screen passed (${screens.length} screens; runs: ${runsDone.join(", ")})`);
