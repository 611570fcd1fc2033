// The ConnectWise cloud regions a partner can pick (the same list as psa-core's CLOUD_REGIONS). au and aus are
// two sites with two API hosts (shared/psa-api.md §B1 "API hosts": au per [CW-DEVGUIDE] and [DJCW], aus per
// [DJCW] and the Sync 365 guide), so both are offered and neither stands for the other.
export const CW_REGIONS: { id: string; label: string; host: string }[] = [
  { id: "na", label: "North America", host: "na.myconnectwise.net" },
  { id: "eu", label: "Europe", host: "eu.myconnectwise.net" },
  { id: "au", label: "Australia (au)", host: "au.myconnectwise.net" },
  { id: "aus", label: "Australia (aus)", host: "aus.myconnectwise.net" },
  { id: "za", label: "South Africa", host: "za.myconnectwise.net" },
];

/** A cloud region id in its list spelling (`AU` becomes `au`); anything else unchanged. */
export const canonicalRegion = (site: string): string => {
  const s = site.trim().toLowerCase();
  return CW_REGIONS.some((r) => r.id === s) ? s : site;
};

export const isCloudRegion = (site: string): boolean => CW_REGIONS.some((r) => r.id === canonicalRegion(site));
