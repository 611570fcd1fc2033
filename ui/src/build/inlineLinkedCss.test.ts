// The build step that writes index.html's stylesheet into the page (vite.config.ts, issue 16).
import { describe, expect, it } from "vitest";
import { inlineLinkedCss } from "../../vite.config";

type Handler = (html: string, ctx: { bundle?: Record<string, unknown> }) => string;

const PAGE =
  '<head><script type="module" crossorigin src="/assets/index-A1.js"></script>\n' +
  '<link rel="stylesheet" crossorigin href="/assets/index-B2.css"></head>';

function run(html: string, bundle: Record<string, unknown>): string {
  const hook = inlineLinkedCss().transformIndexHtml as { handler: Handler };
  return hook.handler(html, { bundle });
}

const asset = (source: string) => ({ type: "asset", source });

describe("inlineLinkedCss", () => {
  it("puts the linked sheet in the page and drops the file", () => {
    const bundle: Record<string, unknown> = {
      "assets/index-B2.css": asset(":root{--a:1}body{margin:0}"),
      "assets/index-A1.js": { type: "chunk", code: "" },
    };
    const html = run(PAGE, bundle);
    expect(html).toContain("<style>:root{--a:1}body{margin:0}</style>");
    expect(html).not.toContain("<link");
    expect(html).toContain('src="/assets/index-A1.js"');
    expect(Object.keys(bundle)).toEqual(["assets/index-A1.js"]);
  });

  it("leaves a sheet the page does not link, such as a lazily loaded step's", () => {
    const bundle: Record<string, unknown> = {
      "assets/index-B2.css": asset("a{b:c}"),
      "assets/Filters-C3.css": asset("d{e:f}"),
    };
    const html = run(PAGE, bundle);
    expect(html).toContain("<style>a{b:c}</style>");
    expect(html).not.toContain("d{e:f}");
    expect(Object.keys(bundle)).toEqual(["assets/Filters-C3.css"]);
  });

  it("keeps the link when the sheet would end the style element early", () => {
    const bundle: Record<string, unknown> = { "assets/index-B2.css": asset('a::after{content:"</style>"}') };
    expect(run(PAGE, bundle)).toBe(PAGE);
    expect(Object.keys(bundle)).toEqual(["assets/index-B2.css"]);
  });

  it("changes nothing outside a build", () => {
    expect(run(PAGE, undefined as unknown as Record<string, unknown>)).toBe(PAGE);
  });
});
