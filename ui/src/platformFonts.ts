// Which font stack the page uses on this platform. `system-ui` is the desktop's own font on Windows and macOS.
// WebKitGTK hands it to fontconfig as a family name, which fontconfig 2.14 resolves through a short list
// (Cantarell, Noto Sans UI, Segoe UI); where none of them is installed (the Debian machines we build and test
// on) the match fails and sans-serif is matched after it, for every size and weight on screen: 15-20 ms of
// step 1's first layout on the 2-core build machine (README "Start-up and memory"). fontconfig's sans-serif
// is the sans font the distribution or the user configured, so Linux asks for it directly.

/** Marks the document for Linux's font stack (base.css: `:root[data-fonts="fontconfig"]`). */
export function applyPlatformFonts(root: HTMLElement, userAgent: string): void {
  if (/\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent)) root.dataset.fonts = "fontconfig";
}
