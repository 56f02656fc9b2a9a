import { join } from 'node:path';
import { normalizeOk } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { gcpAuditConnector } from './index';

describeGoldenSamples(gcpAuditConnector, join(__dirname, 'testdata'), 3);

describe('gcp-audit', () => {
  const entry = {
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      serviceName: 'aiplatform.googleapis.com',
      methodName: 'google.cloud.aiplatform.v1.PredictionService.StreamGenerateContent',
      resourceName: 'projects/p1/locations/europe-west4/publishers/google/models/gemini-2.5-pro',
      authenticationInfo: { principalEmail: 'ana@example.com' },
      status: {},
    },
    insertId: 'abc123',
    logName: 'projects/p1/logs/cloudaudit.googleapis.com%2Fdata_access',
    resource: { type: 'audited_resource', labels: { project_id: 'p1' } },
    timestamp: '2026-03-17T01:14:22.583104Z',
  };
  const normalize = (r: Record<string, unknown>) => gcpAuditConnector.normalize(r, GOLDEN_CONTEXT);
  const pubsub = (data: unknown) => ({
    message: { data: Buffer.from(JSON.stringify(data)).toString('base64'), messageId: '1' },
    subscription: 'projects/p1/subscriptions/s',
  });

  it('unwraps Pub/Sub push and pull envelopes, gcloud arrays and entries.list pages', () => {
    expect(gcpAuditConnector.unwrap(pubsub(entry))).toEqual([entry]);
    expect(gcpAuditConnector.unwrap({ receivedMessages: [{ ackId: 'a', ...pubsub(entry) }] })).toEqual([
      entry,
    ]);
    expect(gcpAuditConnector.unwrap([{ ackId: 'a', message: pubsub(entry).message }, entry])).toEqual([
      entry,
      entry,
    ]);
    expect(gcpAuditConnector.unwrap({ entries: [entry, entry], nextPageToken: 'x' })).toHaveLength(2);
    expect(gcpAuditConnector.unwrap(entry)).toEqual([entry]);
  });

  it('rejects Pub/Sub messages whose data is not a LogEntry, and entries of other kinds', () => {
    const broken = { message: { data: 'bm90IGpzb24=' }, subscription: 's' };
    expect(normalize(gcpAuditConnector.unwrap(broken)[0] as Record<string, unknown>)).toEqual({
      ok: false,
      reason: 'Pub/Sub message data is not a base64-encoded JSON LogEntry',
    });
    const dataAccessOfAnotherType = {
      ...entry,
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.bigquery.logging.v1.AuditData' },
    };
    expect(gcpAuditConnector.detect(dataAccessOfAnotherType)).toBe(false);
    expect(gcpAuditConnector.detect({ jsonPayload: { message: 'hello' }, timestamp: entry.timestamp })).toBe(
      false,
    );
    expect(gcpAuditConnector.detect({ ...entry, forwarder: 'fluent-bit' })).toBe(true);
  });

  it('rejects an entry without a usable timestamp, naming the field', () => {
    expect(normalize({ ...entry, timestamp: undefined })).toEqual({
      ok: false,
      reason: 'timestamp is not a time: undefined',
    });
  });

  it('keys events by service account key, else principal, else project', () => {
    const key = (r: Record<string, unknown>) => normalizeOk(gcpAuditConnector, r).key;
    const keyName =
      '//iam.googleapis.com/projects/p1/serviceAccounts/sa@p1.iam.gserviceaccount.com/keys/0a1b';
    const withKey = {
      ...entry,
      protoPayload: {
        ...entry.protoPayload,
        authenticationInfo: {
          principalEmail: 'sa@p1.iam.gserviceaccount.com',
          serviceAccountKeyName: keyName,
        },
      },
    };
    expect(key(withKey)).toBe(keyName);
    expect(key(entry)).toBe('ana@example.com');
    expect(key({ ...entry, protoPayload: { ...entry.protoPayload, authenticationInfo: {} } })).toBe('p1');
  });

  it('writes gen_ai fields for Vertex AI prediction calls', () => {
    const event = normalizeOk(gcpAuditConnector, entry);
    expect(event.document['gen_ai']).toEqual({
      provider: { name: 'gcp.vertex_ai' },
      operation: { name: 'generate_content' },
      request: { model: 'gemini-2.5-pro' },
    });
    expect(event.document).toMatchObject({ event: { outcome: 'success', provider: 'data_access' } });
  });

  it('redacts secrets in request bodies, also from the received text', () => {
    const withSecret = {
      ...entry,
      protoPayload: {
        ...entry.protoPayload,
        request: { headers: [{ name: 'x-goog-api-key', value: 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q' }] },
      },
    };
    const text = JSON.stringify(withSecret);
    const event = normalizeOk(gcpAuditConnector, withSecret, { originalText: text });
    expect(JSON.stringify(event.document)).not.toContain('AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q');
  });
});
