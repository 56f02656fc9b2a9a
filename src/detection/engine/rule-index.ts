import type { DetectionEvent, EventLogsource } from '../../core/event';
import type { CompiledRule } from '../sigma/compile/compile-rule';
import { EventContext, flatFieldsOf } from '../sigma/compile/event-context';
import { ANY_FIELD, isNever } from '../sigma/compile/requirement';
import { AhoCorasick } from '../../core/text/aho-corasick';
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
  automaton: AhoCorasick;
  clausesByPattern: Int32Array[];
  seen: Uint32Array;
  /** Some pattern may occur in the text of a number: numbers are not scanned otherwise. */
  numeric: boolean;
}

/** Clause slots per rule in the encoding above; at least the compiler's clause limit. */
const CLAUSE_SLOTS = 4;

/** The rules that can apply to one kind of event, and the scanners that choose which of them to run. */
interface Bucket {
  /** Rules without a provable literal requirement: evaluated for every event of the bucket. */
  always: Int32Array;
  /**
   * Scanners of top-level fields by name. When the bucket has keyword literals, each also holds them:
   * a string or number field is then read once for both (keywords match any value, so also this one).
   */
  byField: Map<string, FieldScanner>;
  /** Scanners of dotted field names, which may address nested objects rather than a flat key. */
  nested: FieldScanner[];
  /** Keyword (any-field) literals alone, for the values no field scanner covers. */
  keywords?: FieldScanner;
  /** Every scanner above, for resetting their marks. */
  all: FieldScanner[];
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

  /**
   * `flatEvents`: every event carries its leaves by dotted path (FlatFields, see flattenDocument), so
   * dotted field names are scanned like top-level ones, in the same single pass over the leaves.
   */
  constructor(
    readonly rules: readonly CompiledRule[],
    private readonly options: { flatEvents?: boolean } = {},
  ) {
    this.ruleStamp = new Uint32Array(rules.length);
    this.clausesMet = new Uint8Array(rules.length);
    this.clausesNeeded = Uint8Array.from(
      rules,
      (r) => (1 << Math.min(r.requirement.length, CLAUSE_SLOTS)) - 1,
    );
  }

  /** Evaluates an event and returns the rules that fired, in rule order. */
  match(event: DetectionEvent): RuleMatch[] {
    const fields = event.fields;
    const ctx = new EventContext(fields);
    const bucket = this.bucketFor(event.logsource);
    const stamp = this.nextStamp();
    const candidates = this.candidates;
    candidates.length = 0;
    const always = bucket.always;
    for (let i = 0; i < always.length; i++) candidates.push(always[i] as number);
    // One pass over the event's fields: a field with a scanner is scanned for its literals and, merged
    // in, the keyword literals; any other value only for keywords. Fields are JSON-like data, own
    // enumerable properties: rules read nothing else. (Object.keys and Object.values read a plain
    // object's properties without a property lookup per key.)
    const byField = bucket.byField;
    const keywords = bucket.keywords;
    const flat = flatFieldsOf(fields);
    const plain = Object.getPrototypeOf(fields) === Object.prototype;
    const keys = flat ? flat.paths : plain ? Object.keys(fields) : inKeys(fields);
    const values = flat ? flat.values : plain ? Object.values(fields) : keys.map((k) => fields[k]);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = values[i];
      const scanner = byField.get(key);
      if (scanner !== undefined) {
        if (typeof value === 'string') {
          this.scan(scanner, value, stamp);
        } else if (typeof value === 'number') {
          if (scanner.numeric) this.scan(scanner, String(value), stamp);
        } else if (value !== undefined) {
          // Arrays and objects: the field's own texts for its literals; the keyword literals found
          // there are found in the whole value too, which the keyword scan below reads.
          for (const text of ctx.field(key).texts) this.scan(scanner, text, stamp);
          if (keywords !== undefined) this.scanKeywords(keywords, ctx, key, value, stamp);
        }
      } else if (keywords !== undefined) {
        this.scanKeywords(keywords, ctx, key, value, stamp);
      }
    }
    for (const scanner of bucket.nested) {
      const raw = fields[scanner.field];
      if (typeof raw === 'string') this.scan(scanner, raw, stamp);
      else if (typeof raw === 'number') this.scan(scanner, String(raw), stamp);
      else for (const text of ctx.field(scanner.field).texts) this.scan(scanner, text, stamp);
    }
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    const matches: RuleMatch[] = [];
    const rules = this.rules;
    for (let i = 0; i < candidates.length; i++) {
      const rule = rules[candidates[i] as number] as CompiledRule;
      if (rule.test(ctx)) matches.push({ rule, context: ctx });
    }
    this.stats.events++;
    this.stats.rulesEvaluated += candidates.length;
    this.stats.matches += matches.length;
    return matches;
  }

  /** Scans one text with one field scanner. The automata fold case: nothing is lowercased here. */
  private scan(scanner: FieldScanner, text: string, stamp: number): void {
    const count = scanner.automaton.collect(text, scanner.seen, stamp, this.found, 0);
    if (count > 0) this.promote(scanner, count, stamp);
  }

  /** Scans one top-level value for keyword literals: every string-like leaf of it, one at a time. */
  private scanKeywords(
    keywords: FieldScanner,
    ctx: EventContext,
    key: string,
    value: unknown,
    stamp: number,
  ): void {
    if (typeof value === 'string') {
      this.scan(keywords, value, stamp);
    } else if (typeof value === 'number') {
      if (keywords.numeric) this.scan(keywords, String(value), stamp);
    } else if (typeof value === 'object' && value !== null) {
      for (const text of ctx.nestedTexts(key)) this.scan(keywords, text, stamp);
    } else if (value !== undefined && value !== null) {
      this.scan(keywords, String(value), stamp);
    }
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
      for (const bucket of this.buckets.values()) for (const s of bucket.all) s.seen.fill(0);
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
      for (const s of bucket.all) {
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
    const byField = new Map<string, FieldScanner>();
    const nested: FieldScanner[] = [];
    for (const [field, byText] of needles) {
      if (field.includes('.') && this.options.flatEvents !== true) {
        nested.push(fieldScanner(field, byText));
      } else {
        const merged = new Map(byText);
        for (const [text, refs] of keywordNeedles ?? []) {
          const list = merged.get(text);
          merged.set(text, list ? [...list, ...refs.filter((r) => !list.includes(r))] : refs);
        }
        byField.set(field, fieldScanner(field, merged));
      }
    }
    const keywords = keywordNeedles ? fieldScanner(ANY_FIELD, keywordNeedles) : undefined;
    return {
      always: Int32Array.from(always),
      byField,
      nested,
      keywords,
      all: [...byField.values(), ...nested, ...(keywords ? [keywords] : [])],
    };
  }
}

function fieldScanner(field: string, byText: Map<string, number[]>): FieldScanner {
  const patterns = [...byText.keys()];
  const automaton = new AhoCorasick(patterns, { caseInsensitive: true });
  return {
    field,
    automaton,
    clausesByPattern: patterns.map((p) => Int32Array.from(byText.get(p) as number[])),
    seen: new Uint32Array(automaton.patternCount),
    numeric: patterns.some((p) => NUMBER_TEXT.test(p)),
  };
}

/** The keys for-in visits (inherited enumerable ones too), for fields that are not plain objects. */
function inKeys(fields: object): string[] {
  const keys: string[] = [];
  for (const key in fields) keys.push(key);
  return keys;
}

/** Patterns that may occur in String(n) for a number n (the automata fold case: `1E+21`, `NaN`). */
const NUMBER_TEXT = /^[0-9.+\-einfinitya]+$/;
