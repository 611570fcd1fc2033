// Which font stack the page uses on this platform. `system-ui` is the desktop's own font on Windows and macOS,
// but WebKitGTK hands it to fontconfig as a family name: where fontconfig has no alias for it the match fails
// and the next family (sans-serif) is matched too, for every size and weight on screen. Measured on the
// 2-core build machine, that was 15-20 ms of step 1's first layout (README "Start-up and memory").
// fontconfig's sans-serif is what GTK's own "Sans" resolves to, so Linux asks for it directly.

/** Marks the document for Linux's font stack (base.css: `:root[data-fonts="fontconfig"]`). */
export function applyPlatformFonts(root: HTMLElement, userAgent: string): void {
  if (/\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent)) root.dataset.fonts = "fontconfig";
}
