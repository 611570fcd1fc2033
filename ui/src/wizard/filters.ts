// The filter groups of step 7 and how ticked boxes become the engine's FilterSet.
import type { ActiveState, FilterSet, PicklistValue, Picklists, Psa } from "../bindings.gen";

export type FilterGroup = keyof Picklists & keyof FilterSet;

/** `autotaskOnly`: ConnectWise has no such list (categories and classifications are Autotask's). */
export const FILTER_GROUPS: { key: FilterGroup; label: string; optional?: boolean; autotaskOnly?: boolean }[] = [
  { key: "companyTypes", label: "Company types" },
  { key: "companyStatuses", label: "Company statuses" },
  { key: "companyCategories", label: "Company categories", optional: true, autotaskOnly: true },
  { key: "markets", label: "Markets" },
  { key: "territories", label: "Territories" },
  { key: "classifications", label: "Classifications", autotaskOnly: true },
  { key: "contactStatuses", label: "Contact statuses" },
];

/** Ticked values per group; a group with nothing ticked does not restrict anything. */
export type Selection = Record<FilterGroup, string[]>;

export function emptySelection(): Selection {
  return {
    companyTypes: [],
    companyStatuses: [],
    companyCategories: [],
    markets: [],
    territories: [],
    classifications: [],
    contactStatuses: [],
  };
}

const isActiveState = (v: string): v is ActiveState => v === "active" || v === "inactive";

// Autotask's company status is active/inactive; ConnectWise's is a picklist of status ids.
export function toFilterSet(s: Selection, psa: Psa = "autotask"): FilterSet {
  const cw = psa === "connectwise";
  return {
    companyTypes: [...s.companyTypes],
    companyStatuses: cw ? [] : s.companyStatuses.filter(isActiveState),
    companyStatusIds: cw ? [...s.companyStatuses] : [],
    companyCategories: [...s.companyCategories],
    markets: [...s.markets],
    territories: [...s.territories],
    classifications: [...s.classifications],
    contactStatuses: s.contactStatuses.filter(isActiveState),
  };
}

/** Active values first, then inactive ones; each part in Autotask's own order, then by label. */
export function sortPicklist(values: PicklistValue[]): PicklistValue[] {
  return [...values].sort(
    (a, b) =>
      Number(b.isActive) - Number(a.isActive) || a.sortOrder - b.sortOrder || a.label.localeCompare(b.label),
  );
}

export function toggleValue(s: Selection, group: FilterGroup, value: string): Selection {
  const current = s[group];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...s, [group]: next };
}

export function selectionCount(s: Selection): number {
  return FILTER_GROUPS.reduce((n, g) => n + s[g.key].length, 0);
}
