// Field checks that run as the partner types. Pure functions, shared by the reducer and the steps.

export type UsernameProblem = "empty" | "spaces" | "no_at" | "many_at" | "no_name" | "no_domain" | "too_long";

export type UsernameCheck =
  | { ok: true; value: string }
  | { ok: false; problem: UsernameProblem; message: string };

const MESSAGES: Record<UsernameProblem, string> = {
  empty: "Enter the username of the API user you created in Autotask.",
  spaces: "A username can't contain spaces. Check for a stray space in the middle.",
  no_at: "The username looks like an e-mail address (name@yourcompany.com), but there is no @ yet.",
  many_at: "The username has more than one @. Check that it was pasted only once.",
  no_name: "Something is missing before the @.",
  no_domain: "After the @ comes a domain with a dot, for example yourcompany.com.",
  too_long: "That username is longer than Autotask allows (254 characters). Check that only the username was pasted.",
};

/** Whitespace pasted around a value is not part of it. */
export function normaliseUsername(raw: string): string {
  return raw.trim();
}

export function checkUsername(raw: string): UsernameCheck {
  const value = normaliseUsername(raw);
  const fail = (problem: UsernameProblem): UsernameCheck => ({ ok: false, problem, message: MESSAGES[problem] });
  if (value === "") return fail("empty");
  if (/\s/.test(value)) return fail("spaces");
  if (value.length > 254) return fail("too_long");
  const parts = value.split("@");
  if (parts.length === 1) return fail("no_at");
  if (parts.length > 2) return fail("many_at");
  const [name, domain] = parts as [string, string];
  if (name === "") return fail("no_name");
  if (!/^[^.]+(\.[^.]+)+$/.test(domain)) return fail("no_domain");
  return { ok: true, value };
}

export function normaliseIntegrationCode(raw: string): string {
  return raw.trim();
}

/** A ConnectWise clientId as developer.connectwise.com issues it: a GUID. */
export function checkClientId(raw: string): string | null {
  const value = raw.trim();
  if (value === "")
    return "Paste the clientId your integration registered at developer.connectwise.com (ClientID).";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    return "A clientId is a GUID: 8-4-4-4-12 letters a–f and digits, like 00000000-0000-0000-0000-000000000000.";
  return null;
}

export function checkIntegrationCode(raw: string): string | null {
  const value = normaliseIntegrationCode(raw);
  if (value === "") return "Paste the tracking identifier Autotask showed when you chose Custom (Internal Integration).";
  if (/\s/.test(value)) return "The tracking identifier has no spaces. Check that only the identifier was pasted.";
  return null;
}
