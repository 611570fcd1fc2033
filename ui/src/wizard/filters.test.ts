import { describe, expect, it } from "vitest";
import { PICKLISTS } from "../test/helpers";
import { emptySelection, selectionCount, sortPicklist, toFilterSet, toggleValue } from "./filters";

describe("filters", () => {
  it("sorts active values before inactive ones, each in Autotask's order", () => {
    expect(sortPicklist(PICKLISTS.companyTypes).map((v) => v.label)).toEqual(["Customer", "Prospect", "Dead lead"]);
  });

  it("turns ticked boxes into a FilterSet, keeping only real active states", () => {
    let s = emptySelection();
    s = toggleValue(s, "companyTypes", "1");
    s = toggleValue(s, "companyStatuses", "active");
    s = toggleValue(s, "contactStatuses", "bogus");
    expect(toFilterSet(s)).toEqual({
      companyTypes: ["1"],
      companyStatuses: ["active"],
      companyStatusIds: [],
      companyCategories: [],
      markets: [],
      territories: [],
      classifications: [],
      contactStatuses: [],
    });
    expect(selectionCount(s)).toBe(3);
  });

  it("sends ConnectWise company statuses as status ids, not active/inactive", () => {
    let s = emptySelection();
    s = toggleValue(s, "companyStatuses", "1");
    s = toggleValue(s, "companyStatuses", "3");
    s = toggleValue(s, "contactStatuses", "active");
    const f = toFilterSet(s, "connectwise");
    expect(f.companyStatusIds).toEqual(["1", "3"]);
    expect(f.companyStatuses).toEqual([]);
    expect(f.contactStatuses).toEqual(["active"]);
  });
});
