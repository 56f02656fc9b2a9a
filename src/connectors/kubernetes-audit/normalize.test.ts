import { join } from 'node:path';
import { normalizeOk } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { kubernetesAuditConnector } from './index';

describeGoldenSamples(kubernetesAuditConnector, join(__dirname, 'testdata'), 3);

describe('kubernetes-audit', () => {
  const event = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'abcde12345',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/pods',
    verb: 'get',
    user: { username: 'system:serviceaccount:default:default', uid: '12345678' },
    sourceIPs: ['203.0.113.9'],
    objectRef: { resource: 'pods', namespace: 'default', name: 'my-pod', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-03-04T06:22:18.819232Z',
    stageTimestamp: '2026-03-04T06:22:18.822532Z',
  };
  const normalize = (r: Record<string, unknown>) => kubernetesAuditConnector.normalize(r, GOLDEN_CONTEXT);

  it('unwraps EventList, arrays and AKS diagnostic records', () => {
    expect(
      kubernetesAuditConnector.unwrap({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [event] }),
    ).toEqual([event]);
    expect(kubernetesAuditConnector.unwrap([event, event])).toHaveLength(2);
    const aks = { category: 'kube-audit-admin', properties: { log: JSON.stringify(event) }, time: 'x' };
    expect(kubernetesAuditConnector.unwrap({ records: [aks] })).toEqual([event]);
    expect(kubernetesAuditConnector.unwrap(aks)).toEqual([event]);
  });

  it('detects audit events, not core v1 Events or other vendors', () => {
    expect(kubernetesAuditConnector.detect(event)).toBe(true);
    // Items of a webhook EventList carry no kind or apiVersion.
    const listItem: Record<string, unknown> = { ...event };
    delete listItem['kind'];
    delete listItem['apiVersion'];
    expect(kubernetesAuditConnector.detect(listItem)).toBe(true);
    expect(kubernetesAuditConnector.detect({ ...event, apiVersion: 'v1', reason: 'BackOff' })).toBe(false);
    expect(kubernetesAuditConnector.detect({ protoPayload: { methodName: 'io.k8s.core.v1.pods.get' } })).toBe(
      false,
    );
  });

  it('keeps every stage under its own id', () => {
    const ids = ['RequestReceived', 'ResponseComplete'].map((stage) => {
      const outcome = normalize({ ...event, stage });
      return outcome.ok ? outcome.event.id : outcome.reason;
    });
    expect(ids).toEqual(['abcde12345-RequestReceived', 'abcde12345-ResponseComplete']);
  });

  it('uses stageTimestamp, else requestReceivedTimestamp, and rejects events with neither', () => {
    const at = (r: Record<string, unknown>) => {
      const outcome = normalize(r);
      return outcome.ok ? outcome.event.timestamp : outcome.reason;
    };
    expect(at(event)).toBe('2026-03-04T06:22:18.822Z');
    expect(at({ ...event, stageTimestamp: undefined })).toBe('2026-03-04T06:22:18.819Z');
    expect(at({ ...event, stageTimestamp: '', requestReceivedTimestamp: undefined })).toBe(
      'stageTimestamp is not a time: "" (nor requestReceivedTimestamp: undefined)',
    );
  });

  it('keys events by user name, else by client address', () => {
    const key = (r: Record<string, unknown>) => normalizeOk(kubernetesAuditConnector, r).key;
    expect(key(event)).toBe('system:serviceaccount:default:default');
    expect(key({ ...event, user: {} })).toBe('203.0.113.9');
  });

  it('sets the outcome from the response code and the authorizer decision', () => {
    const outcomeOf = (r: Record<string, unknown>) => {
      const outcome = normalize(r);
      return outcome.ok
        ? (outcome.event.document['event'] as Record<string, unknown>)['outcome']
        : outcome.reason;
    };
    expect(outcomeOf(event)).toBe('success');
    expect(outcomeOf({ ...event, responseStatus: { code: 409 } })).toBe('failure');
    const forbidden = {
      ...event,
      responseStatus: undefined,
      annotations: { 'authorization.k8s.io/decision': 'forbid' },
    };
    expect(outcomeOf(forbidden)).toBe('failure');
    expect(outcomeOf({ ...event, stage: 'RequestReceived', responseStatus: undefined })).toBe('unknown');
  });

  it('redacts Secret data in patches, which carry no kind', () => {
    const patch = {
      ...event,
      verb: 'patch',
      level: 'Request',
      objectRef: { resource: 'secrets', namespace: 'ml', name: 'hf' },
      requestObject: { data: { token: 'aGZfQWJjRGVmR2hpSmtsTW5vUHFyU3R1Vnd4WXo=' } },
    };
    const { document } = normalizeOk(kubernetesAuditConnector, patch);
    expect(JSON.stringify(document)).not.toContain('aGZfQWJjRGVmR2hpSmtsTW5vUHFyU3R1Vnd4WXo=');
    expect(document).toMatchObject({
      kubernetes: { audit: { redacted_secrets: [{ field: 'requestObject.data.token' }] } },
    });
  });
});
