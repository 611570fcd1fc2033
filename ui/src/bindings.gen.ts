// Generated from the Rust types in src-tauri/crates/psa-core by its `bindings` test. Do not edit.

export type ErrorCode = "invalid_input" | "invalid_username" | "invalid_zone_override" | "network_timeout" | "network_refused" | "network_dns" | "network_tls" | "network_other" | "insecure_url" | "redirect_refused" | "response_malformed" | "response_too_large" | "server_error" | "throttled" | "cancelled" | "zone_unknown_user" | "zone_lookup_failed" | "auth_wrong_secret" | "auth_integration_code_invalid" | "auth_not_api_user" | "auth_locked" | "auth_inactive" | "auth_zone_moved" | "permission_denied" | "cw_unknown_company" | "cw_bad_keys" | "cw_client_id_missing" | "cw_wrong_host" | "keychain_unavailable" | "keychain_locked" | "keychain_entry_missing" | "keychain_failed" | "secret_too_long" | "profile_not_found" | "profile_exists" | "profile_store_corrupt" | "profile_store_newer" | "profile_store_locked" | "profile_store_io" | "import_invalid" | "import_contains_secret" | "template_unknown" | "template_invalid" | "internal";

export type PsaError = { code: ErrorCode, 
/**
 * What went wrong, in words a partner understands.
 */
message: string, 
/**
 * What to do about it: names the step of the guide or the screen in the PSA.
 */
fix: string, 
/**
 * Technical detail for support staff (status code, host, raw error text). Never contains a secret.
 */
details?: string, };

export type Psa = "autotask" | "connectwise";

export type ZoneSource = "detected" | "manual";

export type AutotaskZone = { 
/**
 * Autotask's name for the zone, e.g. "AE02"; for a manual zone the friendly name from our table.
 */
zoneName: string, 
/**
 * REST base including the pinned version, no trailing slash:
 * `https://webservices14.autotask.net/ATServicesRest/V1.0`.
 */
apiUrl: string, 
/**
 * The web UI host the partner logs into, no trailing slash: `https://ww14.autotask.net`.
 */
webUrl: string, 
/**
 * Autotask's database id, used to recognise the same tenant across profiles. Unknown for manual zones.
 */
ci?: number, source: ZoneSource, };

export type AutotaskCredentials = { username: string, 
/**
 * The API tracking identifier ("integration code") sent as `ApiIntegrationCode`.
 */
integrationCode: string, secret: string, };

export type CheckStatus = "running" | "ok" | "warning" | "missing" | "restricted" | "failed" | "skipped";

export type CheckItem = { 
/**
 * Stable id, e.g. "zone", "auth", "probe.companies", "threshold", "picklists".
 */
id: string, label: string, status: CheckStatus, message: string, fix?: string, code?: ErrorCode, 
/**
 * Where in the PSA to change it, e.g. "Admin > Account Settings & Users > Security Levels > …".
 */
guideStep?: string, details?: string, elapsedMs?: number, };

export type Threshold = { limit: number, used: number, timeframeMinutes: number, };

export type PicklistValue = { value: string, label: string, isActive: boolean, sortOrder: number, };

export type Picklists = { companyTypes: Array<PicklistValue>, companyStatuses: Array<PicklistValue>, companyCategories: Array<PicklistValue>, markets: Array<PicklistValue>, territories: Array<PicklistValue>, classifications: Array<PicklistValue>, contactStatuses: Array<PicklistValue>, };

export type ActiveState = "active" | "inactive";

export type FilterSet = { companyTypes: Array<string>, companyStatuses: Array<ActiveState>, companyCategories: Array<string>, markets: Array<string>, territories: Array<string>, classifications: Array<string>, contactStatuses: Array<ActiveState>, };

export type Preview = { companies: number, contacts: number, 
/**
 * A few company names, to recognise the selection.
 */
sample: Array<string>, };

export type CheckReport = { psa: Psa, zone?: AutotaskZone, items: Array<CheckItem>, threshold?: Threshold, picklists?: Picklists, 
/**
 * True when authentication worked and no required check failed.
 */
ok: boolean, 
/**
 * The first blocking error (zone or authentication), when there is one.
 */
error?: PsaError, requests: number, elapsedMs: number, };

export type AppInfo = { version: string, 
/**
 * The Autotask zone lookup base in force.
 */
zoneLookupUrl: string, 
/**
 * True when `PSA_CONNECT_AUTOTASK_ZONE_URL` points somewhere other than production (a demo or test).
 */
zoneLookupOverridden: boolean, };

