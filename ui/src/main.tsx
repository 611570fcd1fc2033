import { render } from "preact";
import "./styles.css";
import { Wizard } from "./wizard/Wizard";

const root = document.getElementById("app");
if (root) render(<Wizard />, root);
