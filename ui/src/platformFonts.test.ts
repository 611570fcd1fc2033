import { afterEach, describe, expect, it } from "vitest";
import { applyPlatformFonts } from "./platformFonts";

const WEBKITGTK = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const WEBVIEW2 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
const WKWEBVIEW = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

describe("the platform's font stack", () => {
  const root = document.createElement("html");
  afterEach(() => delete root.dataset.fonts);

  it("asks fontconfig for sans-serif directly on Linux", () => {
    applyPlatformFonts(root, WEBKITGTK);
    expect(root.dataset.fonts).toBe("fontconfig");
  });

  it("keeps the system font on Windows and macOS", () => {
    applyPlatformFonts(root, WEBVIEW2);
    expect(root.dataset.fonts).toBeUndefined();
    applyPlatformFonts(root, WKWEBVIEW);
    expect(root.dataset.fonts).toBeUndefined();
  });
});
