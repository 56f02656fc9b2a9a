import type { DetectionEvent, EventLogsource } from '../../core/event';
import type { CompiledRule } from '../sigma/compile/compile-rule';
import { EventContext } from '../sigma/compile/event-context';
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

/** The literal scanner of one field within one bucket: which rules each found literal unlocks. */
interface FieldScanner {
  field: string;
  automaton: AhoCorasick;
  rulesByPattern: Int32Array[];
  seen: Uint32Array;
}

/** The rules that can apply to one kind of event, and the scanners that choose which of them to run. */
interface Bucket {
  /** Rules without a provable literal requirement: evaluated for every event of the bucket. */
  always: Int32Array;
  scanners: FieldScanner[];
}

/**
 * Routes events to the rules of their log source and evaluates only the rules whose required literals
 * occur in the event. Per bucket and field, one Aho-Corasick pass finds every literal of every rule.
 */
export class RuleIndex {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ruleStamp: Uint32Array;
  private stamp = 0;
  private readonly candidates: number[] = [];
  private readonly found: number[] = [];
  readonly stats: IndexStats = { events: 0, rulesEvaluated: 0, matches: 0, buckets: 0 };

  constructor(readonly rules: readonly CompiledRule[]) {
    this.ruleStamp = new Uint32Array(rules.length);
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
      const values = ctx.field(scanner.field);
      if (!values.present) continue;
      const found = this.found;
      found.length = 0;
      for (const text of values.lowers) scanner.automaton.collect(text, scanner.seen, stamp, found);
      for (const pattern of found) {
        for (const r of scanner.rulesByPattern[pattern] as Int32Array) {
          if (this.ruleStamp[r] !== stamp) {
            this.ruleStamp[r] = stamp;
            candidates.push(r);
          }
        }
      }
    }
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
    const key = logsourceKey(logsource);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = this.buildBucket(logsource);
      this.buckets.set(key, bucket);
      this.stats.buckets = this.buckets.size;
    }
    return bucket;
  }

  private buildBucket(logsource: EventLogsource): Bucket {
    const always: number[] = [];
    // field → needle text → rule indices
    const needles = new Map<string, Map<string, number[]>>();
    this.rules.forEach((rule, index) => {
      if (!ruleAppliesTo(rule.logsource, logsource)) return;
      const requirement = rule.requirement;
      if (requirement === null) {
        always.push(index);
        return;
      }
      for (const needle of requirement) {
        let byText = needles.get(needle.field);
        if (!byText) needles.set(needle.field, (byText = new Map()));
        const list = byText.get(needle.text);
        if (!list) byText.set(needle.text, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
      }
    });
    const scanners: FieldScanner[] = [];
    for (const [field, byText] of needles) {
      const patterns = [...byText.keys()];
      const automaton = new AhoCorasick(patterns);
      scanners.push({
        field,
        automaton,
        rulesByPattern: patterns.map((p) => Int32Array.from(byText.get(p) as number[])),
        seen: new Uint32Array(automaton.patternCount),
      });
    }
    return { always: Int32Array.from(always), scanners };
  }
}
