import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRuleSets } from '../../detection/engine/source-rule-sets';
import { loadRules, normalizeInput } from '../testing/connector-tests';
import { kubernetesAuditConnector } from './index';

/** SigmaHQ's Kubernetes audit rules, read in place from the shared corpus, fire through the pipeline. */
const RULES = join(__dirname, '../../../../shared/sigma/rules/application/kubernetes/audit');

const normalizeAll = (input: unknown) => normalizeInput(kubernetesAuditConnector, input);
const load = (...files: string[]) =>
  loadRules(
    kubernetesAuditConnector,
    files.map((f) => join(RULES, f)),
  );

function golden(file: string) {
  return normalizeAll(JSON.parse(readFileSync(join(__dirname, 'testdata', file), 'utf8')));
}

/** Event id → titles of the rules that fired on it. */
function alerts(rules: SourceRuleSets, events: ReturnType<typeof golden>): Record<string, string[]> {
  const byEvent: Record<string, string[]> = {};
  for (const event of events) {
    const titles = rules.detect(event).map((a) => a.rule.title);
    if (titles.length > 0) byEvent[event.id] = titles;
  }
  return byEvent;
}

describe('SigmaHQ Kubernetes audit rules on kubernetes-audit events', () => {
  it('"Potential Remote Command Execution In Pod Container" fires on both stages of a pods/exec', async () => {
    const rules = await load('kubernetes_audit_exec_into_container.yml');
    expect(alerts(rules, golden('eventlist-model-serving.input.json'))).toEqual({
      '5e1a3c7f-9b2d-4f6a-8c0e-7d9f1b3a5c68-ResponseStarted': [
        'Potential Remote Command Execution In Pod Container',
      ],
      '5e1a3c7f-9b2d-4f6a-8c0e-7d9f1b3a5c68-ResponseComplete': [
        'Potential Remote Command Execution In Pod Container',
      ],
    });
  });

  it('the forbidden secrets listing raises the unauthorized-access and enumeration rules', async () => {
    const rules = await load(
      'kubernetes_audit_unauthorized_unauthenticated_actions.yml',
      'kubernetes_audit_secrets_enumeration.yml',
    );
    expect(alerts(rules, golden('eventlist-model-serving.input.json'))).toEqual({
      'c7e9a1b3-5d2f-4a6c-8e0b-1d3f5a7c9e80-ResponseComplete': [
        'Kubernetes Unauthorized or Unauthenticated Access',
        'Kubernetes Secrets Enumeration',
      ],
    });
  });

  it('pySigma short names (hostPath, capabilities) reach the pod spec', async () => {
    const rules = await load(
      'kubernetes_audit_hostpath_mount.yml',
      'kubernetes_audit_privileged_pod_creation.yml',
    );
    const pod = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Request',
      auditID: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/llm-serving/pods',
      verb: 'create',
      user: { username: 'oidc:sam.keller@acme-ml.com' },
      objectRef: { resource: 'pods', namespace: 'llm-serving', apiVersion: 'v1' },
      responseStatus: { code: 201 },
      requestObject: {
        kind: 'Pod',
        spec: {
          containers: [
            { name: 'x', image: 'busybox', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } },
          ],
          volumes: [{ name: 'host', hostPath: { path: '/', type: 'Directory' } }],
        },
      },
      stageTimestamp: '2026-03-18T09:30:00.000000Z',
    };
    const titles = normalizeAll(pod).flatMap((event) => rules.detect(event).map((a) => a.rule.title));
    expect(titles.sort()).toEqual([
      'Container With A hostPath Mount Created',
      'Privileged Container Deployed',
    ]);
  });

  it('every SigmaHQ Kubernetes audit rule compiles through the pipeline', async () => {
    const rules = await loadRules(kubernetesAuditConnector, [RULES]);
    expect(rules.summary.rulesBySource.get('kubernetes-audit')).toBe(16);
  });
});
