/**
 * What the literal prefilter may require before a rule is evaluated, as a conjunction of clauses: every
 * clause must have at least one of its literals present (case-insensitively) in its field. Requiring
 * several independent clauses (the image AND the command line) keeps rules whose one common literal
 * occurs everywhere (`\windows\`, `microsoft corporation`) from being evaluated for most events.
 *
 * `[]` proves nothing: the rule is evaluated for every event of its log source. A clause with no
 * literal can never be satisfied: the rule can never match.
 */
export interface Needle {
  field: string;
  text: string;
}

export type Clause = readonly Needle[];
export type Requirement = readonly Clause[];

/** The pseudo-field of keyword needles: any string value of the event. */
export const ANY_FIELD = '\u0000any';

export const NO_REQUIREMENT: Requirement = [];

/**
 * The form of a lowercased literal the prefilter can search for, or '' when it cannot be used. The
 * automata fold case one character at a time, while rules lowercase whole strings; the two differ only
 * for final sigma (ς, folded here onto σ) and for the dotted capital I, whose lowercase is two
 * characters (a literal holding U+0307 is not indexed: its rule is simply evaluated more often).
 */
export function indexableLiteral(lowercased: string): string {
  if (lowercased.includes('\u0307')) return '';
  return lowercased.replace(/ς/g, 'σ');
}
export const NEVER: Requirement = [[]];

/** Clauses kept per rule: enough to be selective, few enough to keep the index small. */
const MAX_CLAUSES = 3;
/** Larger disjunctions are cut down to the best clause of each side before combining. */
const MAX_PRODUCT = 4;

/** Both sides must hold: every clause of either side is necessary. */
export function requireBoth(a: Requirement, b: Requirement): Requirement {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return mostSelective([...a, ...b]);
}

/** Either side may hold: (A1 ∧ A2) ∨ (B1 ∧ B2) needs every Ai ∨ Bj; large products keep the best pair. */
export function requireEither(a: Requirement, b: Requirement): Requirement {
  if (a.length === 0 || b.length === 0) return NO_REQUIREMENT;
  if (isNever(a)) return b;
  if (isNever(b)) return a;
  const left = a.length * b.length <= MAX_PRODUCT ? a : [best(a)];
  const right = a.length * b.length <= MAX_PRODUCT ? b : [best(b)];
  const product: Clause[] = [];
  for (const x of left) for (const y of right) product.push([...x, ...y]);
  return mostSelective(product);
}

export function isNever(r: Requirement): boolean {
  return r.some((clause) => clause.length === 0);
}

function mostSelective(clauses: Clause[]): Requirement {
  if (clauses.some((c) => c.length === 0)) return NEVER;
  const unique = dedupe(clauses);
  if (unique.length <= MAX_CLAUSES) return unique;
  return [...unique].sort((x, y) => selectivity(y) - selectivity(x)).slice(0, MAX_CLAUSES);
}

function best(r: Requirement): Clause {
  return r.reduce((x, y) => (selectivity(y) > selectivity(x) ? y : x));
}

function dedupe(clauses: Clause[]): Clause[] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = c
      .map((n) => `${n.field}\u0001${n.text}`)
      .sort()
      .join('\u0002');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Higher is better: a clause whose weakest literal is long is rarely met by chance; many alternatives
 * make it weaker.
 */
function selectivity(clause: Clause): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (const n of clause) shortest = Math.min(shortest, n.text.length);
  return Math.min(shortest, 12) * 1000 - clause.length;
}
