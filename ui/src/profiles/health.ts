// The health badge of a saved profile: what its last connection test said, and when.
import type { Profile } from "../bindings.gen";

export type Health = "verified" | "failing" | "untested";

export function healthOf(p: Profile): Health {
  if (!p.lastCheck) return "untested";
  return p.lastCheck.ok ? "verified" : "failing";
}

export function healthLabel(p: Profile, now: Date = new Date()): string {
  const h = healthOf(p);
  if (h === "untested" || !p.lastCheck) return "Never tested";
  const when = describeWhen(new Date(p.lastCheck.at), now);
  return h === "verified" ? `Verified ${when}` : `Failing since ${when}`;
}

function describeWhen(at: Date, now: Date): string {
  if (Number.isNaN(at.getTime())) return "at an unknown time";
  const minutes = Math.round((now.getTime() - at.getTime()) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `on ${at.toLocaleDateString()}`;
}

/** "<template name> – <domain of the username>", the name offered when a connection is saved. */
export function defaultProfileName(templateName: string, username: string): string {
  const at = username.lastIndexOf("@");
  const domain = at >= 0 ? username.slice(at + 1).trim() : "";
  return domain ? `${templateName} – ${domain}` : templateName;
}
