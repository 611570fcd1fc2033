// One expression, evaluated in the page by both engines' tests (Chromium: page.evaluate; WebKit: a WebDriver
// script "return <this>"): the layout of every control on screen, and whether any is cut or off to the side.
// Keep it plain ES2019 without imports: it is sent to the page as text.
(function psaLayout() {
  var SELECTOR =
    'button, input, select, textarea, a[href], summary, [role], [tabindex]:not([tabindex="-1"])';
  var vw = document.documentElement.clientWidth;
  var vh = document.documentElement.clientHeight;
  function label(el) {
    var text = el.getAttribute("aria-label") || el.getAttribute("name") || el.getAttribute("placeholder") || "";
    if (!text && el.labels && el.labels.length) text = el.labels[0].textContent || "";
    if (!text) text = el.textContent || el.value || "";
    return text.replace(/\s+/g, " ").trim().slice(0, 60);
  }
  // A stable name for the control in both engines: its testid, else its id, else tag, role and a label with
  // the digits taken out (counts and ports differ between a recorded run and a live one).
  function key(el) {
    var testid = el.getAttribute("data-testid");
    if (testid) return testid;
    if (el.id) return "#" + el.id;
    var role = el.getAttribute("role");
    return el.tagName.toLowerCase() + (role ? "[role=" + role + "]" : "") + ":" + label(el).replace(/[0-9]+/g, "#");
  }
  function shown(el, r) {
    if (r.width <= 0 || r.height <= 0) return false;
    var s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none";
  }
  // The horizontal band an element can be seen in: the viewport, narrowed by every ancestor that clips.
  function clipBand(el) {
    var left = 0;
    var right = vw;
    for (var p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      var ox = getComputedStyle(p).overflowX;
      if (ox === "hidden" || ox === "clip") {
        var pr = p.getBoundingClientRect();
        left = Math.max(left, pr.left);
        right = Math.min(right, pr.right);
      }
    }
    return [left, right];
  }
  var controls = [];
  var seen = {};
  var nodes = document.querySelectorAll(SELECTOR);
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var r = el.getBoundingClientRect();
    var visible = shown(el, r);
    var k = key(el);
    // Same key twice (e.g. two rows with the same unlabeled button): number them in document order.
    seen[k] = (seen[k] || 0) + 1;
    if (seen[k] > 1) k = k + "~" + seen[k];
    var band = clipBand(el);
    var tag = el.tagName.toLowerCase();
    var isField = tag === "input" || tag === "textarea" || tag === "select";
    // A control whose own content is wider than its box is cut (fields scroll their text, that is fine).
    var overflowing = visible && !isField && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    var outside = visible && (r.right > vw + 1 || r.left < -1);
    var clipped = visible && (r.left < band[0] - 1 || r.right > band[1] + 1);
    controls.push({
      key: k,
      tag: tag,
      role: el.getAttribute("role") || "",
      text: label(el),
      box: [Math.round(r.left), Math.round(r.top + window.scrollY), Math.round(r.width), Math.round(r.height)],
      visible: visible,
      overflowing: overflowing,
      outsideViewport: outside,
      clipped: clipped,
    });
  }
  // Scroll containers that scroll sideways (a cut-off wide table inside a pane, say).
  var sideways = [];
  var all = document.querySelectorAll("body *");
  for (var j = 0; j < all.length; j++) {
    var e = all[j];
    if (e.tagName === "PRE") continue; // the diagnostic text may scroll sideways, as text does
    var cs = getComputedStyle(e);
    if ((cs.overflowX === "auto" || cs.overflowX === "scroll") && e.scrollWidth > e.clientWidth + 1) {
      sideways.push((e.getAttribute("data-testid") || e.className || e.tagName).toString());
    }
  }
  return {
    viewport: [vw, vh],
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    pageOverflowsX: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    sidewaysScrollers: sideways,
    heading: (function () {
      var h = document.querySelector("h1, h2");
      return h ? h.textContent.replace(/\s+/g, " ").trim() : "";
    })(),
    controls: controls,
  };
})()
