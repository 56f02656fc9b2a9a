import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTOR_TYPES } from '../../connectors/registry';
import { RuleSetHolder } from './rule-set-holder';

const ROOT = join(__dirname, '..', '..', '..');
const AWS_RULES = join(ROOT, 'detections', 'cloud', 'aws');

function ruleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-rules-'));
  copyFileSync(join(AWS_RULES, 'aws_bedrock_guardrail_removed.yml'), join(dir, 'guardrail.yml'));
  return dir;
}

async function holderFor(dir: string, reports: { ok: boolean; message: string }[]): Promise<RuleSetHolder> {
  return RuleSetHolder.load({
    rulePaths: [dir],
    placeholderPaths: [],
    sources: CONNECTOR_TYPES,
    baseDir: ROOT,
    onReload: (r) => reports.push(r),
  });
}

describe('RuleSetHolder', () => {
  it('swaps in a good rule set and refuses a broken one, keeping the running rules', async () => {
    const dir = ruleDir();
    const reports: { ok: boolean; message: string }[] = [];
    const holder = await holderFor(dir, reports);
    const first = holder.rules;
    expect(first.summary.rules).toBe(1);

    copyFileSync(join(AWS_RULES, 'aws_bedrock_invocation_logging_disabled.yml'), join(dir, 'logging.yml'));
    await holder.reload();
    expect(reports.pop()).toEqual({ ok: true, message: 'rules reloaded: 2 rules' });
    const second = holder.rules;
    expect(second).not.toBe(first);

    writeFileSync(
      join(dir, 'broken.yml'),
      'title: broken\nlogsource: {product: aws}\ndetection:\n  sel: {a: 1}\n  condition: sel and missing\n',
    );
    await holder.reload();
    const refused = reports.pop();
    expect(refused?.ok).toBe(false);
    expect(refused?.message).toMatch(/rules not reloaded, the running set stays: .*broken\.yml:\d+: /);
    expect(holder.rules).toBe(second);
    holder.close();
  });

  it('reloads by itself when a rule file changes', async () => {
    const dir = ruleDir();
    const reports: { ok: boolean; message: string }[] = [];
    const holder = await holderFor(dir, reports);
    holder.watch();
    const reloaded = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (reports.length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    copyFileSync(join(AWS_RULES, 'aws_bedrock_invocation_logging_disabled.yml'), join(dir, 'logging.yml'));
    await reloaded;
    holder.close();
    expect(reports[0]).toEqual({ ok: true, message: 'rules reloaded: 2 rules' });
  });
});
