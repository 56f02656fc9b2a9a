import type { DetectionEvent, EventLogsource } from '../../core/event';
import type { CompiledRule } from '../sigma/compile/compile-rule';
import { EventContext } from '../sigma/compile/event-context';
import { ANY_FIELD, isNever } from '../sigma/compile/requirement';
import { AhoCorasick } from './aho-corasick';
import { logsourceKey, ruleAppliesTo } from './logsource-routing';

/** A rule that fired on an event; matched fields are computed only when asked for. */
export interface RuleMatch {
  rule: CompiledRule;
  context: EventContext;
}

/** Counters for benchmarks and `--stats`. */
export interface IndexStats {
  events: number;
  rulesEvaluated: number;
  matches: number;
  buckets: number;
}

/**
 * The literal scanner of one field within one bucket. Each pattern lists the rule clauses it satisfies,
 * encoded as `rule * CLAUSE_SLOTS + clause`.
 */
interface FieldScanner {
  field: string;
  /** The field name has dots: it may address nested objects, not only a flat key. */
  nested: boolean;
  automaton: AhoCorasick;
  clausesByPattern: Int32Array[];
  seen: Uint32Array;
}

/** Clause slots per rule in the encoding above; at least the compiler's clause limit. */
const CLAUSE_SLOTS = 4;

/** The rules that can apply to one kind of event, and the scanners that choose which of them to run. */
interface Bucket {
  /** Rules without a provable literal requirement: evaluated for every event of the bucket. */
  always: Int32Array;
  scanners: FieldScanner[];
  /** Keyword (any-field) literals, scanned over all the event's values at once. */
  keywords?: FieldScanner;
}

/**
 * Routes events to the rules of their log source and evaluates only the rules whose required literals
 * occur in the event: a rule becomes a candidate once every clause of its requirement has a literal
 * present. Per bucket and field, one Aho-Corasick pass finds every literal of every rule.
 */
export class RuleIndex {
  private readonly buckets = new Map<string, Bucket>();
  /** Sources that reuse one logsource object per kind of event skip building the bucket key. */
  private readonly bucketsByIdentity = new WeakMap<EventLogsource, Bucket>();
  private readonly ruleStamp: Uint32Array;
  /** Per rule, a bit per clause already satisfied by the current event (valid when ruleStamp matches). */
  private readonly clausesMet: Uint8Array;
  /** Per rule, the mask of all its clauses: the rule is a candidate once clausesMet reaches it. */
  private readonly clausesNeeded: Uint8Array;
  private stamp = 0;
  private readonly candidates: number[] = [];
  /** Pattern indices found in one field; sized for the largest scanner when buckets are built. */
  private found = new Int32Array(0);
  readonly stats: IndexStats = { events: 0, rulesEvaluated: 0, matches: 0, buckets: 0 };

  constructor(readonly rules: readonly CompiledRule[]) {
    this.ruleStamp = new Uint32Array(rules.length);
    this.clausesMet = new Uint8Array(rules.length);
    this.clausesNeeded = Uint8Array.from(
      rules,
      (r) => (1 << Math.min(r.requirement.length, CLAUSE_SLOTS)) - 1,
    );
  }

  /** Evaluates an event and returns the rules that fired, in rule order. */
  match(event: DetectionEvent): RuleMatch[] {
    const ctx = new EventContext(event.fields);
    const bucket = this.bucketFor(event.logsource);
    const stamp = this.nextStamp();
    const candidates = this.candidates;
    candidates.length = 0;
    for (const r of bucket.always) candidates.push(r);
    for (const scanner of bucket.scanners) {
      const raw = event.fields[scanner.field];
      if (typeof raw === 'string') {
        this.scan(scanner, raw, stamp);
      } else if (typeof raw === 'number') {
        this.scan(scanner, String(raw), stamp);
      } else if (raw !== undefined || scanner.nested) {
        const values = ctx.field(scanner.field);
        for (const text of values.texts) this.scan(scanner, text, stamp);
      }
    }
    if (bucket.keywords) this.scanEveryValue(bucket.keywords, ctx, stamp);
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    const matches: RuleMatch[] = [];
    for (const r of candidates) {
      const rule = this.rules[r] as CompiledRule;
      if (rule.test(ctx)) matches.push({ rule, context: ctx });
    }
    this.stats.events++;
    this.stats.rulesEvaluated += candidates.length;
    this.stats.matches += matches.length;
    return matches;
  }

  /** Scans one text with one field scanner. The automata fold case: nothing is lowercased here. */
  private scan(scanner: FieldScanner, text: string, stamp: number): void {
    this.promote(scanner, scanner.automaton.collect(text, scanner.seen, stamp, this.found, 0), stamp);
  }

  /** Scans every value of the event for keyword literals, one value at a time (no joined copy). */
  private scanEveryValue(scanner: FieldScanner, ctx: EventContext, stamp: number): void {
    const { automaton, seen } = scanner;
    const fields = ctx.fields;
    let count = 0;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value === 'string') {
        count = automaton.collect(value, seen, stamp, this.found, count);
      } else if (typeof value === 'object' && value !== null) {
        for (const text of ctx.nestedTexts(key))
          count = automaton.collect(text, seen, stamp, this.found, count);
      } else if (value !== undefined && value !== null) {
        count = automaton.collect(String(value), seen, stamp, this.found, count);
      }
    }
    this.promote(scanner, count, stamp);
  }

  /** Marks the clauses the found literals satisfy; a rule whose clauses are now all met becomes a candidate. */
  private promote(scanner: FieldScanner, count: number, stamp: number): void {
    const found = this.found;
    const candidates = this.candidates;
    for (let f = 0; f < count; f++) {
      for (const ref of scanner.clausesByPattern[found[f] as number] as Int32Array) {
        const r = (ref / CLAUSE_SLOTS) | 0;
        const bit = 1 << (ref % CLAUSE_SLOTS);
        if (this.ruleStamp[r] !== stamp) {
          this.ruleStamp[r] = stamp;
          this.clausesMet[r] = 0;
        }
        const before = this.clausesMet[r] as number;
        if (before & bit) continue;
        const after = before | bit;
        this.clausesMet[r] = after;
        if (after === this.clausesNeeded[r]) candidates.push(r);
      }
    }
  }

  /** Rules that can apply to events of this log source (for tools and tests). */
  rulesFor(logsource: EventLogsource): CompiledRule[] {
    return this.rules.filter((r) => ruleAppliesTo(r.logsource, logsource));
  }

  private nextStamp(): number {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) {
      this.ruleStamp.fill(0);
      for (const bucket of this.buckets.values()) for (const s of bucket.scanners) s.seen.fill(0);
    }
    return this.stamp;
  }

  private bucketFor(logsource: EventLogsource): Bucket {
    const known = this.bucketsByIdentity.get(logsource);
    if (known) return known;
    const bucket = this.bucketForKey(logsource);
    this.bucketsByIdentity.set(logsource, bucket);
    return bucket;
  }

  private bucketForKey(logsource: EventLogsource): Bucket {
    const key = logsourceKey(logsource);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = this.buildBucket(logsource);
      this.buckets.set(key, bucket);
      for (const s of [...bucket.scanners, ...(bucket.keywords ? [bucket.keywords] : [])]) {
        if (s.automaton.patternCount > this.found.length)
          this.found = new Int32Array(s.automaton.patternCount);
      }
      this.stats.buckets = this.buckets.size;
    }
    return bucket;
  }

  private buildBucket(logsource: EventLogsource): Bucket {
    const always: number[] = [];
    // field → needle text → clause references
    const needles = new Map<string, Map<string, number[]>>();
    this.rules.forEach((rule, index) => {
      if (!ruleAppliesTo(rule.logsource, logsource)) return;
      const requirement = rule.requirement;
      if (requirement.length === 0) {
        always.push(index);
        return;
      }
      if (isNever(requirement)) return;
      requirement.slice(0, CLAUSE_SLOTS).forEach((clause, clauseIndex) => {
        for (const needle of clause) {
          let byText = needles.get(needle.field);
          if (!byText) needles.set(needle.field, (byText = new Map()));
          const ref = index * CLAUSE_SLOTS + clauseIndex;
          const text = needle.text;
          const list = byText.get(text);
          if (!list) byText.set(text, [ref]);
          else if (!list.includes(ref)) list.push(ref);
        }
      });
    });
    const keywordNeedles = needles.get(ANY_FIELD);
    needles.delete(ANY_FIELD);
    const scanners: FieldScanner[] = [];
    for (const [field, byText] of needles) scanners.push(fieldScanner(field, byText));
    return {
      always: Int32Array.from(always),
      scanners,
      keywords: keywordNeedles ? fieldScanner(ANY_FIELD, keywordNeedles) : undefined,
    };
  }
}

function fieldScanner(field: string, byText: Map<string, number[]>): FieldScanner {
  const patterns = [...byText.keys()];
  const automaton = new AhoCorasick(patterns, { caseInsensitive: true });
  return {
    field,
    nested: field.includes('.'),
    automaton,
    clausesByPattern: patterns.map((p) => Int32Array.from(byText.get(p) as number[])),
    seen: new Uint32Array(automaton.patternCount),
  };
}
