// The ConnectWise cloud regions a partner can pick (the same list as psa-core's CLOUD_REGIONS).
export const CW_REGIONS: { id: string; label: string; host: string }[] = [
  { id: "na", label: "North America", host: "na.myconnectwise.net" },
  { id: "eu", label: "Europe", host: "eu.myconnectwise.net" },
  { id: "au", label: "Australia", host: "au.myconnectwise.net" },
  { id: "aus", label: "Australia (aus)", host: "aus.myconnectwise.net" },
  { id: "za", label: "South Africa", host: "za.myconnectwise.net" },
];

export const isCloudRegion = (site: string): boolean => CW_REGIONS.some((r) => r.id === site.trim().toLowerCase());
