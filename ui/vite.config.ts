/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// Preact's JSX goes through esbuild's automatic runtime (tsconfig "jsxImportSource"): no framework plugin needed.
export default defineConfig({
  clearScreen: false,
  // ASCII-only output (non-ASCII text as \u escapes): WebKit keeps an all-ASCII script as the bytes it loaded,
  // where one "…" makes it decode the whole file into a second, two-byte-per-character copy.
  esbuild: { jsx: "automatic", jsxImportSource: "preact", charset: "ascii" },
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
