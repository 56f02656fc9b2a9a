import type { NormalizeContext } from '../../connector-type';
import { canonicalJson } from '../identity';
import type { FoundSecret } from './redact-record';
import { hasSecretText } from './secret-text';

/**
 * The record's raw text (for `event.original`) with what was redacted from the record replaced alike:
 * each replaced text as it stands, and JSON-escaped once or twice (JSON held in strings). The result is
 * kept only when it reads back as exactly the redacted record: escapes (`\u002d`) can hide a secret from
 * a plain search, the text may be an envelope holding more than the record, and the original must never
 * leak. Otherwise undefined, and `finishEvent` writes the redacted record out instead.
 */
export function redactOriginalText(
  text: string | undefined,
  found: readonly FoundSecret[],
  redactedRecord: unknown,
): string | undefined {
  if (text === undefined || (found.length === 0 && !hasSecretText(text))) return text;
  const replacements = new Map(found.map((f) => [f.replaced, f.replacement]));
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const [replaced, replacement] of [...replacements].sort((a, b) => b[0].length - a[0].length)) {
    const once = escaped(replaced);
    for (const form of [escaped(once), once, replaced]) out = out.split(form).join(replacement);
  }
  try {
    if (canonicalJson(JSON.parse(out)) === canonicalJson(redactedRecord)) return out;
  } catch {
    // Not JSON after all: the redacted record is written instead.
  }
  return undefined;
}

/** The context for `finishEvent` of a record that went through redaction. */
export function redactedContext(
  context: NormalizeContext,
  found: readonly FoundSecret[],
  redactedRecord: unknown,
): NormalizeContext {
  return { ...context, originalText: redactOriginalText(context.originalText, found, redactedRecord) };
}

function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
