import type { JsonObject } from '../../connector-type';
import { redactRecord, type FoundSecret, type Redaction } from './redact-record';
import { isSecretName } from './secret-names';

/** Where a secret was found and its fingerprint, as audit connectors list them (`*.redacted_secrets`). */
export interface RedactedSecret {
  field: string;
  fingerprint: string;
}

/**
 * Redaction for control-plane audit records (Azure Activity, GCP Cloud Audit, Kubernetes audit). They
 * echo request and response bodies, and bodies carry secrets under telling names: app settings and
 * container env vars with API keys, Kubernetes Secret objects, keys returned by regenerate calls. String
 * leaves are capped at 16 KB so that one record cannot grow without bound.
 */
export function redactAuditRecord(
  record: JsonObject,
  options: { secretObjectPaths?: readonly string[] } = {},
): Redaction<JsonObject> & { secrets: RedactedSecret[] } {
  const { value, found } = redactRecord(record, {
    isSecretKey: isSecretName,
    searchJsonUnderSecretKeys: true,
    secretObjectPaths: options.secretObjectPaths,
    maxStringBytes: 16_384,
  });
  return { value, found, secrets: found.map(listed) };
}

function listed({ field, fingerprint }: FoundSecret): RedactedSecret {
  return { field, fingerprint };
}
