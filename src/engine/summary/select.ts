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
  vectors: Map<string, number>[],
  similarity: number[][],
  eligible: boolean[],
  budget: number,
  opts: SummaryOptions,
): Set<number> {
  const chosen = new Set<number>();
  const covered = new Set<string>();
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
      const gain = group.reduce(
        (sum, g) =>
          sum + opts.mmrLambda * importance[g]! - (1 - opts.mmrLambda) * coveredShare(vectors[g]!, covered),
        0,
      );
      const score = gain / cost;
      if (!best || score > best.score) best = { group, score };
    }
    if (!best) return chosen;
    for (const g of best.group) {
      chosen.add(g);
      used += units[g]!.sentences.length;
      for (const t of vectors[g]!.keys()) covered.add(t);
    }
  }
}

/** The share of a term vector's weight on terms already covered. */
function coveredShare(vector: Map<string, number>, covered: ReadonlySet<string>): number {
  let total = 0;
  let seen = 0;
  for (const [t, w] of vector) {
    total += w;
    if (covered.has(t)) seen += w;
  }
  return total ? seen / total : 1;
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
