import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, normalizeInput, normalizeOk } from '../testing/connector-tests';
import { azureActivityConnector } from './index';

/** SigmaHQ's Azure activity rules, read in place from the shared corpus, fire through the pipeline. */
const RULES = join(__dirname, '../../../../shared/sigma/rules/cloud/azure/activity_logs');
const load = (ruleFile: string) => loadRules(azureActivityConnector, [join(RULES, ruleFile)]);

async function firedRules(ruleFile: string, file: string): Promise<string[][]> {
  const rules = await load(ruleFile);
  const input: unknown = JSON.parse(readFileSync(join(__dirname, 'testdata', file), 'utf8'));
  return normalizeInput(azureActivityConnector, input).map((event) =>
    rules.detect(event).map((alert) => alert.rule.title),
  );
}

describe('SigmaHQ Azure activity rules on azure-activity events', () => {
  it('the keyword rule "Rare Subscription-level Operations In Azure" fires on a Cognitive Services listKeys', async () => {
    const fired = await firedRules('azure_rare_operations.yml', 'event-hub-ai-account-changes.input.json');
    expect(fired).toEqual([['Rare Subscription-level Operations In Azure'], []]);
  });

  it('every SigmaHQ Azure activity rule compiles through the pipeline', async () => {
    const rules = await loadRules(azureActivityConnector, [RULES]);
    expect(rules.summary.rulesBySource.get('azure-activity')).toBeGreaterThan(30);
  });

  it('operationName rules match Log Analytics rows (OperationNameValue) too', async () => {
    const rules = await load('azure_subscription_permissions_elevation_via_activitylogs.yml');
    const row = {
      Type: 'AzureActivity',
      TimeGenerated: '2026-03-16T04:11:09.210Z',
      OperationNameValue: 'Microsoft.Authorization/elevateAccess/action',
      CategoryValue: 'Administrative',
      ActivityStatusValue: 'Success',
      Caller: 'it-admin@contoso-ai.com',
      SubscriptionId: '6c1f9a52-3b7e-4d0a-9e21-7f4c2b8d1a30',
    };
    const event = normalizeOk(azureActivityConnector, row);
    expect(rules.detect(event).map((a) => a.rule.title)).toEqual([
      'Azure Subscription Permission Elevation Via ActivityLogs',
    ]);
  });
});
