/**
 * Choosing a summary's units: greedy maximal marginal relevance under a sentence budget, each unit
 * brought in together with the earlier units it depends on.
 */
import type { SummaryOptions } from './options.ts';
import type { Unit } from './units.ts';

/**
 * Greedy maximal marginal relevance under a sentence budget. Redundancy is the share of a unit's
 * term weight that the units already chosen cover, so a sentence earns its place by what it adds.
 * A unit that depends on earlier ones is considered together with the ones it needs (those not
 * chosen yet), as a group that fits the budget whole or not at all; the group is worth its members'
 * marginal relevance per sentence it costs, so a weak antecedent makes a strong sentence less attractive.
 */
export function selectUnits(
  units: Unit[],
  importance: number[],
  facts: Map<string, number>[],
  similarity: number[][],
  eligible: boolean[],
  budget: number,
  opts: SummaryOptions,
): Set<number> {
  const chosen = new Set<number>();
  const covered = new Set<string>();
  const most = Math.max(1e-9, ...facts.map((f) => mass(f, covered)));
  let used = 0;
  for (;;) {
    let best: { group: number[]; score: number } | null = null;
    for (let i = 0; i < units.length; i++) {
      if (!eligible[i] || chosen.has(i)) continue;
      const group = groupFor(units, i, chosen);
      if (!group) continue;
      const cost = group.reduce((n, g) => n + units[g]!.sentences.length, 0);
      if (used + cost > budget) continue;
      if (group.some((g) => [...chosen].some((c) => similarity[g]![c]! >= opts.duplicateSimilarity)))
        continue;
      const added = new Map<string, number>();
      for (const g of group) for (const [t, w] of facts[g]!) added.set(t, w);
      const gain =
        opts.mmrLambda * group.reduce((sum, g) => sum + importance[g]!, 0) +
        (1 - opts.mmrLambda) * (mass(added, covered) / most);
      const score = gain / cost;
      if (!best || score > best.score) best = { group, score };
    }
    if (!best) return chosen;
    for (const g of best.group) {
      chosen.add(g);
      used += units[g]!.sentences.length;
      for (const t of facts[g]!.keys()) covered.add(t);
    }
  }
}

/** The weight of a unit's facts not yet covered. */
function mass(facts: ReadonlyMap<string, number>, covered: ReadonlySet<string>): number {
  let total = 0;
  for (const [t, w] of facts) if (!covered.has(t)) total += w;
  return total;
}

/** Most antecedents one unit may bring in: past that, the unit is left out instead. */
const MAX_CHAIN = 3;

/**
 * The unit and the earlier units it needs that are not chosen yet, or null when its dependencies
 * cannot be met (too long a chain, or an antecedent that cannot be shown).
 */
function groupFor(units: Unit[], index: number, chosen: ReadonlySet<number>): number[] | null {
  const group = [index];
  const pending = [index];
  while (pending.length) {
    const unit = units[pending.pop()!]!;
    for (const need of unit.needs) {
      if (need.resolvedBy.some((r) => chosen.has(r) || group.includes(r))) continue;
      if (need.antecedent === null) return null;
      group.push(need.antecedent);
      pending.push(need.antecedent);
      if (group.length > MAX_CHAIN + 1) return null;
    }
  }
  return group;
}
