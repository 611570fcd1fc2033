// Tells the app, once, that the first screen is up: painted and clickable. The app logs how long that took
// from the process starting (support sees it in the diagnostic report; the start-up benchmark reads it).
import { reportReady } from "./ipc";

let reported = false;

/** Whether a first screen has been shown in this run (it is marked as soon as it is on screen). */
export function firstScreenShown(): boolean {
  return reported;
}

/** Call when the first screen's controls are enabled. Two animation frames later they have been painted. */
export function markInteractive(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() => requestAnimationFrame(() => reportReady(performance.now())));
}

/** A fresh app run in the UI tests. */
export function forgetInteractiveMark(): void {
  reported = false;
}
