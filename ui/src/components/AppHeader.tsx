// The bar across the top of every screen: the app's name, then whatever the screen adds (a way home, a
// demo-mode badge). The loading screen draws it too, so it never moves when the first screen arrives.
import type { ComponentChildren } from "preact";

export function AppHeader({ children }: { children?: ComponentChildren }) {
  return (
    <header class="app-header">
      <span class="app-name">PSA Connect</span>
      {children}
    </header>
  );
}
