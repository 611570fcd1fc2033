// Generated from the Rust types in crates/psa-core by its `bindings` test. Do not edit.

export type ErrorCode = "invalid_input" | "invalid_username" | "invalid_zone_override" | "network_timeout" | "network_refused" | "network_dns" | "network_tls" | "network_other" | "insecure_url" | "redirect_refused" | "response_malformed" | "response_too_large" | "server_error" | "throttled" | "cancelled" | "zone_unknown_user" | "zone_lookup_failed" | "auth_wrong_secret" | "auth_integration_code_invalid" | "auth_not_api_user" | "auth_locked" | "auth_inactive" | "auth_zone_moved" | "permission_denied" | "auth_unclear" | "cw_unknown_company" | "cw_bad_keys" | "cw_client_id_missing" | "cw_wrong_host" | "cw_refused_unclear" | "keychain_unavailable" | "keychain_locked" | "keychain_entry_missing" | "keychain_failed" | "secret_too_long" | "profile_not_found" | "profile_exists" | "profile_store_corrupt" | "profile_store_newer" | "profile_store_locked" | "profile_store_io" | "import_invalid" | "import_contains_secret" | "template_unknown" | "template_invalid" | "pack_invalid" | "secret_not_held" | "clipboard_failed" | "internal";

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

export type ConnectwiseSite = { 
/**
 * What the partner chose: a cloud region (`na`, `eu`, `au`, `aus`, `za`) or a self-hosted base
 * (`https://cw.example.com`; plain http only for loopback).
 */
site: string, 
/**
 * The company ID typed at the ConnectWise login screen (e.g. "contoso"), as ConnectWise spells it.
 */
companyId: string, 
/**
 * `CompanyName` from companyinfo; empty for a manual site.
 */
companyName: string, 
/**
 * `Codebase`, always ending in `/`, e.g. `v2025_1/` (cloud) or `v4_6_release/` (self-hosted).
 */
codebase: string, isCloud: boolean, 
/**
 * REST base, no trailing slash: `https://api-na.myconnectwise.net/v2025_1/apis/3.0`.
 */
apiUrl: string, 
/**
 * The login site the partner uses in the browser, no trailing slash: `https://na.myconnectwise.net`.
 */
webUrl: string, source: ZoneSource, 
/**
 * `VersionCode` from companyinfo (e.g. "v2025.1", "v2020.4" on an older self-hosted server): the API
 * version the server runs, which decides the `Accept` version sent (see `connectwise::accept_for`).
 */
versionCode?: string, };

export type ConnectwiseCredentials = { companyId: string, publicKey: string, privateKey: string, 
/**
 * The integration's registered clientId (a GUID). Templates carry it; only Custom asks for it.
 */
clientId: string, };

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

export type FilterSet = { companyTypes: Array<string>, companyStatuses: Array<ActiveState>, companyCategories: Array<string>, markets: Array<string>, territories: Array<string>, classifications: Array<string>, contactStatuses: Array<ActiveState>, 
/**
 * ConnectWise only: company status ids (ConnectWise statuses are a picklist, not active/inactive).
 */
companyStatusIds: Array<string>, };

export type Preview = { companies: number, contacts: number, 
/**
 * A few company names, to recognise the selection.
 */
sample: Array<string>, 
/**
 * True when so many companies are selected that `contacts` covers only the first of them (the
 * engine bounds its requests): show it as "at least".
 */
contactsLowerBound: boolean, 
/**
 * Set when `contacts` is an estimate (so many companies are selected that counting all their contacts
 * would cost too many requests): how it was estimated. `None`: the count is exact.
 */
contactsEstimated?: ContactEstimate, };

export type ContactEstimate = { 
/**
 * `sample_ratio`: contacts counted exactly for the first `sampled_companies` selected companies (by id),
 * scaled by `companies / sampled_companies`.
 */
method: EstimateMethod, sampledCompanies: number, sampledContacts: number, };

export type EstimateMethod = "sample_ratio";

export type CheckReport = { psa: Psa, zone?: AutotaskZone, 
/**
 * ConnectWise only: the site and codebase the check used.
 */
site?: ConnectwiseSite, items: Array<CheckItem>, threshold?: Threshold, picklists?: Picklists, 
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
zoneLookupOverridden: boolean, 
/**
 * Where ConnectWise cloud hosts are reached instead of production (`PSA_CONNECT_CONNECTWISE_CLOUD_URL`).
 */
connectwiseCloudUrl?: string, };

export type TemplateSummary = { id: string, name: string, vendor: string, 
/**
 * The PSAs this template has a setup for, Autotask first.
 */
psas: Array<Psa>, description: string, };

export type Template = { 
/**
 * Equals the file name without `.toml`; what `--template NAME` takes.
 */
id: string, name: string, vendor: string, description: string, 
/**
 * The vendor guide this template was written from (a file under `shared/guides/`), empty for Custom.
 */
guideFile: string, autotask?: AutotaskSetup, connectwise?: ConnectwiseSetup, 
/**
 * Whether the wizard's filter step applies (company types, statuses, markets, territories, contact statuses).
 */
filters: boolean, 
/**
 * What the vendor asks for after the PSA side is done; the wizard collects them for the summary.
 */
settings: Array<SettingField>, 
/**
 * Things worth knowing that are neither a step nor a check, one sentence each.
 */
notes: Array<string>, 
/**
 * The filter groups the vendor itself reads (wizard keys: `companyTypes`, `companyStatuses`, `markets`,
 * `territories`, `contactStatuses`, ...). Empty: the guide names none, so no group is marked as extra.
 */
vendorFilters: Array<string>, 
/**
 * What to type into the vendor's own portal once the PSA side is done, per PSA (`[portal.autotask]`,
 * `[portal.connectwise]`). Absent: the guide describes no portal form (Custom).
 */
portal?: PortalPlans, };

export type AutotaskSetup = { securityLevel: SecurityLevelPlan, trackingIdentifier: TrackingIdentifier, steps: Array<GuideStep>, 
/**
 * The id of the step in which the permissions are set; its menu path goes into the probe's fix text.
 */
permissionsStep: string, permissions: Array<PermissionRow>, extras: Array<Extra>, 
/**
 * A rule the guide sets for the API username beyond Autotask's own e-mail form.
 */
usernameRule?: string, };

export type SecurityLevelPlan = { startFrom: string, changes: Array<string>, };

export type TrackingKind = "integration_vendor" | "custom";

export type TrackingIdentifier = { kind: TrackingKind, 
/**
 * The entry to pick in Autotask's Integration Vendor list, spelled as the guide shows it. `None` with
 * `kind = custom`: the partner's own code. `None` with `integration_vendor`: the guide does not name the
 * entry (a manual check says so).
 */
vendorName?: string, 
/**
 * The vendor's integration code, when a vendor pack supplies it (built-in templates never carry one).
 * `None` with `integration_vendor`: the vendor's pack or setup link is needed; the wizard never asks.
 */
code?: string, };

export type AdminPage = "resources" | "security_levels" | "integration_center" | "contacts" | "user_defined_fields";

export type GuideStep = { 
/**
 * Stable within the template, snake_case.
 */
id: string, title: string, 
/**
 * Where it is in the PSA's menus, levels joined by " > ". Empty when the step is not a menu visit.
 */
menuPath: string, detail: string, adminPage?: AdminPage, };

export type Access = "required" | "optional" | "forbidden";

export type PermissionRow = { 
/**
 * One of `autotask::KNOWN_ENTITIES`.
 */
entity: string, 
/**
 * How the partner finds it on the security level page.
 */
label: string, read: Access, create: Access, update: Access, delete: Access, 
/**
 * Why the integration wants it, or the guide's exception.
 */
note?: string, };

export type Extra = { "kind": "contact_must_exist" } & ContactMustExist | { "kind": "protected_udf_note" } & ProtectedUdfNote | { "kind": "manual_check" } & ManualCheck;

export type ContactMustExist = { firstName: string, lastName: string, email?: string, why: string, };

export type ProtectedUdfNote = { 
/**
 * One of `autotask::KNOWN_ENTITIES`.
 */
entity: string, why: string, };

export type ManualCheck = { text: string, };

export type ConnectwiseSetup = { 
/**
 * Creating the API member and its keys, in order.
 */
apiMemberSteps: Array<GuideStep>, securityRole: CwSecurityRole, 
/**
 * The vendor's registered clientId, when a vendor pack (or the build) supplies it. `None`: the vendor's
 * pack or setup link is needed; only Custom asks the partner for their own.
 */
clientId?: string, 
/**
 * Only `manual_check` applies to ConnectWise.
 */
extras: Array<Extra>, };

export type CwSecurityRole = { menuPath: string, 
/**
 * A built-in role the guide says works as it is (e.g. "Admin"), for partners who don't want a custom one.
 */
simpleChoice?: string, modules: Array<CwRoleRow>, };

export type CwRoleRow = { 
/**
 * The module heading, e.g. "Companies".
 */
module: string, 
/**
 * The function inside it, e.g. "Company Maintenance" (matches `moduleFunctionName` of `/system/mysecurity`).
 */
function: string, inquire: Access, add: Access, edit: Access, delete: Access, note?: string, };

export type SettingKind = "choice" | "text" | "number";

export type SettingOption = { value: string, label: string, };

export type SettingField = { id: string, label: string, kind: SettingKind, 
/**
 * Only for `choice`.
 */
options: Array<SettingOption>, 
/**
 * An option value for `choice`. `None`: the guide names no default, so the wizard makes the user pick.
 */
default?: string, help: string, };

export type PackInfo = { 
/**
 * Whose pack it is, e.g. "Binox".
 */
vendor: string, 
/**
 * How partners reach the vendor, when the pack says.
 */
support?: string, 
/**
 * The file it was read from.
 */
file: string, 
/**
 * Ids of the templates the pack adds or replaces.
 */
templates: Array<string>, 
/**
 * Ids of the templates the pack supplies the vendor's identifiers for.
 */
suppliesIdentifiersFor: Array<string>, };

export type PackStatus = { pack?: PackInfo, error?: PsaError, };

export type PortalPlans = { autotask?: PortalPlan, connectwise?: PortalPlan, };

export type PortalPlan = { 
/**
 * The vendor's product as its portal names itself, e.g. "Binox" or "UX1 panel".
 */
portal: string, 
/**
 * Where the form is, levels joined by " > ", in the vendor's words.
 */
menuPath: string, 
/**
 * The form in the vendor's order: actions (press, tick, choose) and fields with the value to type.
 */
items: Array<PortalItem>, 
/**
 * What the vendor shows when the connection works, word for word; `None` when the guide quotes none.
 */
success?: string, 
/**
 * What the guide asks for after the connection, in order.
 */
later: Array<string>, };

export type PortalItem = { 
/**
 * The vendor's label for the field, or the action in the vendor's words (button and menu names).
 */
label: string, value?: PortalValue, note?: string, };

export type PortalValue = "username" | "secret" | "zone_webservices" | "endpoint_host" | "key_user_colon_secret" | "company_id" | "api_host" | "public_key" | "private_key";

export type PortalFacts = { 
/**
 * Autotask username, or ConnectWise public key.
 */
username: string, 
/**
 * Autotask REST base (`https://webservices14.autotask.net/ATServicesRest/V1.0`) or ConnectWise's.
 */
apiUrl: string, 
/**
 * Autotask web host (`https://ww14.autotask.net`) or the ConnectWise login site.
 */
webUrl: string, 
/**
 * ConnectWise only.
 */
companyId: string, 
/**
 * ConnectWise only: the cloud region (`na`, `eu`, `au`, `aus`, `za`) or the self-hosted base.
 */
site: string, };

export type PortalLine = { 
/**
 * Position in the vendor's form, from 1.
 */
position: number, label: string, 
/**
 * `None`: an action (press, tick, choose), nothing to copy.
 */
value?: PortalValue, 
/**
 * What the screen shows: the value, or for one holding the secret a placeholder.
 */
display?: string, 
/**
 * The value holds the secret: copied from Rust memory or the keychain, cleared from the clipboard later.
 */
secret: boolean, note?: string, };

export type PortalView = { templateId: string, vendor: string, psa: Psa, 
/**
 * Where the form is, in the vendor's words.
 */
portal: string, menuPath: string, lines: Array<PortalLine>, success?: string, later: Array<string>, 
/**
 * Seconds after which a copied secret leaves the clipboard.
 */
clearAfterSecs: number, };

export type PortalCopied = { value: PortalValue, 
/**
 * The copied text held the secret: it will be cleared.
 */
secret: boolean, 
/**
 * Seconds until it is cleared; 0 when nothing will be cleared.
 */
clearsAfterSecs: number, };

export type Connection = { "psa": "autotask" } & AutotaskConnection | { "psa": "connectwise" } & ConnectwiseConnection;

export type AutotaskConnection = { 
/**
 * The API user's username (an e-mail-like login).
 */
username: string, 
/**
 * The API tracking identifier sent as `ApiIntegrationCode`: the vendor's, or the partner's own for Custom.
 */
integrationCode: string, 
/**
 * Unknown until detected or typed.
 */
zone?: AutotaskZone, };

export type ConnectwiseConnection = { 
/**
 * The company ID typed at the ConnectWise login screen.
 */
companyId: string, 
/**
 * The API member's public key (not a secret; the private key is).
 */
publicKey: string, 
/**
 * The integration's registered clientId: the vendor's, or the partner's own for Custom.
 */
clientId: string, 
/**
 * Unknown until looked up from the company ID or typed.
 */
site?: ConnectwiseSite, };

export type LastCheck = { at: string, ok: boolean, 
/**
 * One line, e.g. "All 6 checks passed" or the blocking error's message.
 */
summary: string, 
/**
 * Ids of the check lines that failed (`auth`, `probe.companies`, ...).
 */
failingChecks: Array<string>, };

export type RecheckResult = { profileId: string, name: string, psa: Psa, 
/**
 * `None` when the re-check never ran (cancelled before its turn, or no secret in the keychain).
 */
lastCheck?: LastCheck, ok: boolean, 
/**
 * One line: the last check's summary, or why it did not run.
 */
summary: string, cancelled: boolean, elapsedMs: number, 
/**
 * Requests sent for this profile.
 */
requests: number, };

export type RecheckSummary = { total: number, passed: number, failed: number, cancelled: number, elapsedMs: number, 
/**
 * E.g. "12 connections re-tested in 1.4 s: 11 work, 1 failed."
 */
line: string, };

export type RecheckEvent = { "kind": "result" } & RecheckResult | { "kind": "done" } & RecheckSummary;

export type Profile = { 
/**
 * Stable, never shown to partners; also names the keychain entry.
 */
id: string, createdAt: string, updatedAt: string, lastCheck?: LastCheck, 
/**
 * The keychain account holding this profile's secret; `None` until a secret was saved.
 */
secretRef?: string, name: string, template: string, connection: Connection, filters: FilterSet, settings: Record<string, unknown>, notes: string, };

export type ProfileInput = { name: string, template: string, connection: Connection, filters: FilterSet, settings: Record<string, unknown>, notes: string, };

export type ProfileWarning = { 
/**
 * Stable: `same_tenant_and_user`.
 */
code: string, message: string, 
/**
 * The other profile concerned.
 */
otherProfile: string, };

export type ExportedProfile = { createdAt: string, 
/**
 * The exporting machine's last test; informative only (imports start untested).
 */
lastCheck?: LastCheck, name: string, template: string, connection: Connection, filters: FilterSet, settings: Record<string, unknown>, notes: string, };

export type ExportDocument = { 
/**
 * Always `psa-connect-profiles`.
 */
format: string, version: number, exportedAt: string, profiles: Array<ExportedProfile>, };

export type ClashChoice = "skip" | "rename" | "replace";

export type ImportOptions = { 
/**
 * Choice per clashing name as written in the document (matched ignoring case).
 */
choices: { [key in string]: ClashChoice }, 
/**
 * Used for clashes without a choice of their own. `None`: report them and import nothing.
 */
defaultChoice?: ClashChoice, };

export type ImportedProfile = { id: string, name: string, 
/**
 * The name in the document (differs from `name` after a rename).
 */
sourceName: string, replaced: boolean, 
/**
 * True when no secret is stored for it yet: the user enters it (or skips) next.
 */
needsSecret: boolean, };

export type ImportReport = { imported: Array<ImportedProfile>, 
/**
 * Names skipped by choice.
 */
skipped: Array<string>, 
/**
 * Names already in use with no choice given. When not empty, nothing was imported: ask, then retry.
 */
clashes: Array<string>, warnings: Array<ProfileWarning>, };

export type WizardStep = "choose" | "apiUser" | "username" | "secret" | "zone" | "check" | "filters" | "summary" | "vendor";

export type Handoff = { 
/**
 * Always `psa-connect-handoff`.
 */
kind: string, version: number, 
/**
 * Where the wizard opens: the secret step, or the username step when no username was given.
 */
openStep: WizardStep, name: string, template: string, connection: Connection, filters: FilterSet, settings: Record<string, unknown>, notes: string, };

export type HandoffDraft = { openStep: WizardStep, profile: ProfileInput, 
/**
 * The template's display name, to show "Prepared for: …".
 */
templateName: string, 
/**
 * The hosts the secret will be sent to once the customer types it; the wizard shows them. Empty when
 * the zone or site is still to be detected.
 */
secretHosts: Array<string>, };

export type HandoffOpened = { draft?: HandoffDraft, error?: PsaError, };

export type DiagnosticReport = { 
/**
 * Always `psa-connect-diagnostic`.
 */
kind: string, generatedAt: string, appVersion: string, 
/**
 * The operating system, with its release where it can be read (e.g. "Debian GNU/Linux 12 (bookworm)").
 */
os: string, arch: string, profileName: string, template: string, 
/**
 * The profile's connection, with the zone or site the test ended on (the login is not secret, and
 * support needs it).
 */
connection: Connection, 
/**
 * Every host the test talked to (API and web), for firewall and proxy questions.
 */
hosts: Array<string>, ok: boolean, 
/**
 * One line, as on the profile's health badge.
 */
summary: string, 
/**
 * Ids of the check lines that failed (`auth`, `probe.contacts`, ...).
 */
failingChecks: Array<string>, checks: Array<CheckItem>, 
/**
 * The PSA's API budget at the time of the test.
 */
threshold?: Threshold, requests: number, elapsedMs: number, 
/**
 * The blocking error (zone or sign-in), when there was one.
 */
error?: PsaError, logLines: Array<string>, 
/**
 * How long the app's latest start took to its first usable screen, in ms, from its log.
 */
lastStartupMs?: number, };

