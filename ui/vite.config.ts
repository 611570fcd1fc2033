/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";

/** The stylesheet index.html links, written into the page instead (`<style>`): the window then asks the app
 * for two files before its first paint, not three, each request waiting its turn on the app's main thread
 * while it starts (issue 16). The CSP allows inline style (tauri.conf.json, style-src). */
export function inlineLinkedCss(): Plugin {
  return {
    name: "psa-inline-linked-css",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        for (const [file, chunk] of Object.entries(bundle)) {
          if (chunk.type !== "asset" || !file.endsWith(".css")) continue;
          const link = new RegExp(`<link rel="stylesheet"[^>]*href="/${file.replace(/[.]/g, "\\.")}"[^>]*>`);
          if (!link.test(html)) continue;
          // `</style` cannot end the element early: the sheet is Vite's own minified CSS, checked here anyway.
          const css = String(chunk.source);
          if (/<\/style/i.test(css)) continue;
          html = html.replace(link, () => `<style>${css}</style>`);
          delete bundle[file];
        }
        return html;
      },
    },
  };
}

// Preact's JSX goes through esbuild's automatic runtime (tsconfig "jsxImportSource"): no framework plugin needed.
export default defineConfig({
  clearScreen: false,
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  plugins: [inlineLinkedCss()],
  server: { port: 1420, strictPort: true },
  // Tauri's WebKitGTK and WebView2 are both recent enough for ES2021.
  build: { target: "es2021", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
