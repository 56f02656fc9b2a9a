import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../../connector-type';
import { setField } from '../document-paths';
import { finishEvent, type EventParts } from '../finish-event';
import { redactedContext } from './original-text';
import { fingerprintsOf, redactRecord, type Redaction } from './redact-record';

/**
 * Redaction for EDR telemetry (windows-sysmon, defender-endpoint, crowdstrike-fdr, osquery): command
 * lines and environments carry API keys, bearer tokens and passwords (`curl -H "Authorization: Bearer
 * sk-..."`, `OPENAI_API_KEY=sk-...`), found by their text. The public prefix of a provider key stays
 * (`sk-proj-[redacted]`), so that the key-harvesting rules that look for key prefixes still match.
 */
export function redactEdrRecord(record: JsonObject): Redaction<JsonObject> {
  return redactRecord(record, { keepKeyPrefixes: true });
}

/**
 * `finishEvent` for a redacted EDR record: the redacted record is the event's record, `event.original`
 * is redacted alike, and the fingerprints of the credentials found are kept under
 * `tripline.credential.fingerprint` (written after finishEvent, which writes `tripline` whole).
 */
export function finishEdrEvent(
  parts: Omit<EventParts, 'record'>,
  redaction: Redaction<JsonObject>,
  context: NormalizeContext,
): NormalizeOutcome {
  const { value: record, found } = redaction;
  const event = finishEvent({ ...parts, record }, redactedContext(context, found, record));
  const fingerprints = fingerprintsOf(found);
  if (fingerprints.length > 0) setField(parts.document, 'tripline.credential.fingerprint', fingerprints);
  return { ok: true, event };
}
