// The ConnectWise cloud regions a partner can pick (the same list as psa-core's CLOUD_REGIONS).
export const CW_REGIONS: { id: string; label: string; host: string }[] = [
  { id: "na", label: "North America", host: "na.myconnectwise.net" },
  { id: "eu", label: "Europe", host: "eu.myconnectwise.net" },
  { id: "aus", label: "Australia", host: "aus.myconnectwise.net" },
  { id: "za", label: "South Africa", host: "za.myconnectwise.net" },
];

/** Region ids of earlier versions, as saved in old profiles and hand-offs, and what they mean now. */
const REGION_ALIASES: Record<string, string> = { au: "aus" };

/** A cloud region id in today's spelling (`au` from an old profile becomes `aus`); anything else unchanged. */
export const canonicalRegion = (site: string): string => {
  const s = site.trim().toLowerCase();
  return REGION_ALIASES[s] ?? (CW_REGIONS.some((r) => r.id === s) ? s : site);
};

export const isCloudRegion = (site: string): boolean => CW_REGIONS.some((r) => r.id === canonicalRegion(site));
