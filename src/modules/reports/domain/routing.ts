// Routing: which organisation a new report goes to. Rules are category × area → organisation,
// where either may be "any" (null). The most specific rule wins: category and area, then
// category alone, then area alone, then the default (both any). No rule: nobody yet — the
// report waits in the inbox for a coordinator to route it by hand.
export type RoutingRule = { id: string; category: string | null; area_id: string | null; organisation_id: string };

export function specificity(r: Pick<RoutingRule, "category" | "area_id">): number {
  return (r.category !== null ? 2 : 0) + (r.area_id !== null ? 1 : 0);
}

export function routeReport(rules: readonly RoutingRule[], report: { category: string; area_id: string | null }): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const r of rules) {
    if (r.category !== null && r.category !== report.category) continue;
    if (r.area_id !== null && r.area_id !== report.area_id) continue;
    if (!best || specificity(r) > specificity(best)) best = r;
  }
  return best;
}
