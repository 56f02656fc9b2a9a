import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, normalizeOk } from '../testing/connector-tests';
import { gcpAuditConnector } from './index';

/** SigmaHQ's GCP audit rules, read in place from the shared corpus, fire through the pipeline. */
const RULES = join(__dirname, '../../../../shared/sigma/rules/cloud/gcp/audit');

const load = (ruleFile: string) => loadRules(gcpAuditConnector, [join(RULES, ruleFile)]);

function normalized(record: unknown) {
  const [entry] = gcpAuditConnector.unwrap(record);
  return normalizeOk(gcpAuditConnector, entry as Record<string, unknown>);
}

describe('SigmaHQ GCP audit rules on gcp-audit events', () => {
  it('"Google Cloud Kubernetes Secrets Modified or Deleted" fires on a GKE secret created (Pub/Sub push)', async () => {
    const rules = await load('gcp_kubernetes_secrets_modified_or_deleted.yml');
    const push: unknown = JSON.parse(
      readFileSync(join(__dirname, 'testdata', 'pubsub-push-gke-secret-create.input.json'), 'utf8'),
    );
    expect(rules.detect(normalized(push)).map((a) => a.rule.title)).toEqual([
      'Google Cloud Kubernetes Secrets Modified or Deleted',
    ]);
  });

  it('a rule naming data.protoPayload.* and the log name fires through the pipeline', async () => {
    const rules = await load('gcp_breakglass_container_workload_deployed.yml');
    const entry = {
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        serviceName: 'k8s.io',
        methodName: 'io.k8s.core.v1.pods.create',
        resourceName: 'core/v1/namespaces/llm-serving/pods/debug-shell',
        authenticationInfo: { principalEmail: 'oncall@acme-ml.com' },
        request: {
          metadata: { annotations: { 'alpha.image-policy.k8s.io/break-glass': 'true' } },
        },
        status: {},
      },
      insertId: 'b7c1d2e3-f4a5',
      resource: {
        type: 'k8s_cluster',
        labels: { cluster_name: 'inference-gke-1', project_id: 'acme-ml-prod' },
      },
      timestamp: '2026-03-17T10:20:00.000000Z',
      logName: 'projects/acme-ml-prod/logs/cloudaudit.googleapis.com%2Factivity',
    };
    // The annotation is a key, not a value: the keyword is found in event.original.
    expect(rules.detect(normalized(entry)).map((a) => a.rule.title)).toEqual([
      'GCP Break-glass Container Workload Deployed',
    ]);
    const otherLog = {
      ...entry,
      logName: 'projects/acme-ml-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
    };
    expect(rules.detect(normalized(otherLog))).toEqual([]);
  });

  it('every SigmaHQ GCP audit rule compiles through the pipeline', async () => {
    const rules = await loadRules(gcpAuditConnector, [RULES]);
    expect(rules.summary.rulesBySource.get('gcp-audit')).toBeGreaterThan(10);
  });
});
