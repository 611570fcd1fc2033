// One way to write numbers everywhere in the window: digits grouped in threes with a comma (1,234 and
// 10,000), whatever locale the WebView reports. Counts on the filter step, the summary and the API budget
// all go through here, so they can never disagree.
const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const formatCount = (n: number): string => COUNT.format(n);

/** "1 company" / "1,234 companies". */
export const countOf = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;
