/**
 * What the literal prefilter may require before a rule is evaluated: at least one of these literals
 * occurs (case-insensitively) in the named field. `null` means "no requirement can be proven" and the
 * rule is always evaluated for its log source.
 */
export interface Needle {
  field: string;
  text: string;
}

export type Requirement = readonly Needle[] | null;

/** Both sides must hold, so either side's requirement is necessary: keep the more selective one. */
export function requireBoth(a: Requirement, b: Requirement): Requirement {
  if (a === null) return b;
  if (b === null) return a;
  return selectivity(a) >= selectivity(b) ? a : b;
}

/** Either side may hold, so only the union is necessary, and nothing is if one side is unconstrained. */
export function requireEither(a: Requirement, b: Requirement): Requirement {
  if (a === null || b === null) return null;
  return [...a, ...b];
}

/**
 * Higher is better: a requirement whose weakest needle is long is rarely met by chance; many
 * alternatives make it weaker.
 */
function selectivity(req: readonly Needle[]): number {
  if (req.length === 0) return Number.POSITIVE_INFINITY;
  const shortest = Math.min(...req.map((n) => n.text.length));
  return Math.min(shortest, 12) * 1000 - req.length;
}
