// Plain-language wording for the errors a partner is most likely to meet in the wizard. Codes not listed
// here are shown with the message and fix the Rust side wrote, which already name the screen to visit.
import type { ErrorCode, Psa, PsaError } from "./bindings.gen";

export interface ErrorText {
  title: string;
  advice: string;
}

const TEXTS: Partial<Record<ErrorCode, ErrorText>> = {
  invalid_username: {
    title: "That username doesn't look right.",
    advice:
      "The API user's username looks like an e-mail address, for example api-sync@yourcompany.com. Check it on the Username step.",
  },
  invalid_zone_override: {
    title: "PSA Connect can't tell the zone from that address.",
    advice:
      "Log into Autotask in your browser and copy the whole address from the address bar (it starts with https://ww and ends in autotask.net/…), then paste it again.",
  },
  network_timeout: {
    title: "Autotask took too long to answer.",
    advice: "Check your internet connection and try again. If you are on a VPN or a proxy, try without it.",
  },
  network_refused: {
    title: "The connection to Autotask was refused.",
    advice: "Check your internet connection and that a firewall or proxy isn't blocking autotask.net, then try again.",
  },
  network_dns: {
    title: "This computer couldn't find Autotask on the internet.",
    advice: "Check that you are online and that the address is spelled correctly, then try again.",
  },
  network_tls: {
    title: "A secure connection to Autotask couldn't be set up.",
    advice:
      "Something between this computer and Autotask (often a proxy or security software) is interfering. Try another network or ask your IT team.",
  },
  network_other: {
    title: "PSA Connect couldn't reach Autotask.",
    advice: "Check your internet connection and try again.",
  },
  server_error: {
    title: "Autotask had a problem answering.",
    advice: "This is usually temporary. Wait a minute and try again.",
  },
  throttled: {
    title: "Autotask asked PSA Connect to slow down.",
    advice: "Your Autotask account is close to its hourly API limit. Wait a few minutes and try again.",
  },
  cancelled: {
    title: "Stopped.",
    advice: "You cancelled this step. Start it again whenever you are ready.",
  },
  zone_unknown_user: {
    title: "Autotask doesn't know this username.",
    advice:
      "Check the username for typos on the Username step. If you created the API user in the last few minutes, wait about five minutes and try again: Autotask takes a moment to publish new users.",
  },
  zone_lookup_failed: {
    title: "PSA Connect couldn't find your Autotask zone.",
    advice: "Try again in a moment, or choose “Not my zone?” and paste the address of your Autotask page from the browser.",
  },
  // Autotask's bare 401 does not say which part is wrong (psa-api.md §A2), so every cause is listed.
  auth_wrong_secret: {
    title: "Autotask didn't accept the sign-in, and didn't say why.",
    advice:
      "Check each of these on the API user in Autotask: the secret (paste it again on the Secret step, or click Generate Secret, save, and paste the new one); the API Tracking Identifier, whose Integration Vendor must be the one this guide names; “Active” ticked and “Locked” clear; and a Security Level of the API User kind. PSA Connect doesn't retry by itself, because Autotask locks the account after repeated failed attempts.",
  },
  auth_integration_code_invalid: {
    title: "Autotask didn't accept the tracking identifier.",
    advice:
      "Open the API user in Autotask and check its API Tracking Identifier. For a vendor's integration it must be that vendor's entry under Integration Vendor; if it is, ask the vendor for a current PSA Connect pack or setup link. For Custom, paste the identifier shown on the API user again.",
  },
  auth_not_api_user: {
    title: "This login isn't an API user.",
    advice:
      "Create a user with New API User (Admin > Account Settings & Users > Resources/Users) and use its username and secret here.",
  },
  auth_locked: {
    title: "The API user is locked in Autotask.",
    advice: "Open the API user in Autotask, clear “Locked”, save, and test again.",
  },
  auth_inactive: {
    title: "The API user is inactive in Autotask.",
    advice: "Open the API user in Autotask, tick “Active”, save, and test again.",
  },
  auth_zone_moved: {
    title: "Your Autotask database is in another zone.",
    advice:
      "Go back to the Zone step and detect the zone again. If you are sure of the zone you entered (a sandbox, say), Autotask refused the sign-in for another reason: check the secret, the API Tracking Identifier, that the API user is Active and not Locked, and its Security Level.",
  },
  auth_unclear: {
    title: "Autotask's answer doesn't show whether the sign-in worked.",
    advice:
      "Open the API user in Autotask: check that “Active” is ticked and “Locked” is clear, and that its Security Level is an API User level that can read Companies. Then test again.",
  },
  secret_not_held: {
    title: "PSA Connect doesn't have the secret for this login at hand.",
    advice:
      "Go back to the Secret step and type it again, or open the saved connection from the home screen so PSA Connect reads it from the keychain. Then press Copy again.",
  },
  clipboard_failed: {
    title: "PSA Connect couldn't put the value on the clipboard.",
    advice: "Press Copy again. If it keeps failing, type the value shown on screen by hand (for the secret, use your own copy).",
  },
};

// The keychain's fix depends on the operating system, and the Rust side already writes the right one; only
// the title is ours.
const KEYCHAIN_TITLES: Partial<Record<ErrorCode, string>> = {
  keychain_unavailable: "PSA Connect can't reach this computer's keychain, where it keeps the API secret.",
  keychain_locked: "This computer's keychain is locked, or PSA Connect was refused access to it.",
};

/** Codes both PSAs share whose wording above names Autotask; for ConnectWise the name is swapped. */
const SHARED_CODES = new Set(["secret_not_held", "clipboard_failed", "network_timeout", "network_refused", "network_dns", "network_tls", "network_other", "server_error", "throttled"]);

/** What to show for an error: our wording where we have it, else the engine's own message and fix.
 * `psa`: which PSA the screen is about (network and server texts name it). */
export function describeError(error: PsaError, psa: Psa = "autotask"): ErrorText {
  const keychainTitle = KEYCHAIN_TITLES[error.code];
  if (keychainTitle) {
    return {
      title: keychainTitle,
      advice: error.fix || "Unlock or start your keychain (log out and back in if unsure), then try again.",
    };
  }
  const known = TEXTS[error.code];
  if (known && psa === "connectwise") {
    // Autotask-only wording (users, zones, tracking identifiers) never fits ConnectWise: use the engine's.
    if (!SHARED_CODES.has(error.code)) return { title: error.message, advice: error.fix || known.advice };
    const swap = (t: string) => t.replaceAll("autotask.net", "myconnectwise.net").replaceAll("Autotask", "ConnectWise");
    return { title: swap(known.title), advice: swap(known.advice) };
  }
  if (known) return known;
  return {
    title: error.message || "Something went wrong.",
    advice: error.fix || "Try again. If it keeps happening, send the details below to your support contact.",
  };
}

/** The text support staff need, one click away from the plain explanation. Never holds a secret. */
export function supportDetails(error: PsaError): string {
  const lines = [`Code: ${error.code}`, `Message: ${error.message}`];
  if (error.fix) lines.push(`Suggested fix: ${error.fix}`);
  if (error.details) lines.push(`Details: ${error.details}`);
  return lines.join("\n");
}
