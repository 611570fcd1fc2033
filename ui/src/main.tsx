import { render } from "preact";
import "./styles/index.css";
import { App } from "./App";
import { applyPlatformFonts } from "./platformFonts";

applyPlatformFonts(document.documentElement, navigator.userAgent);

const root = document.getElementById("app");
if (root) render(<App />, root);
