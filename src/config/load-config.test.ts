import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { loadConfig } from './load-config';

const TYPES = ['aws-cloudtrail', 'kubernetes-audit'];
const dir = mkdtempSync(join(tmpdir(), 'tripline-config-'));
let n = 0;
function configFile(text: string): string {
  const path = join(dir, `config-${n++}.yml`);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('fills defaults: no kafka means embedded mode', () => {
    const config = loadConfig(configFile('detector:\n  rules: [detections]\n'), TYPES);
    expect(config.kafka).toBeUndefined();
    expect(config.topics).toEqual({
      events: 'tripline.events',
      alerts: 'tripline.alerts',
      deadletter: 'tripline.deadletter',
      partitions: 6,
      replication_factor: 1,
    });
    expect(Object.isFrozen(config.topics)).toBe(true);
  });

  it('sizes consumer fetches: 256 KiB or 100 ms by default, as configured otherwise, within bounds', () => {
    const kafka = (extra: string) => configFile(`kafka:\n  brokers: [localhost:9092]\n${extra}`);
    expect(loadConfig(kafka(''), TYPES).kafka?.fetch).toEqual({ minBytes: 262_144, maxWaitMs: 100 });
    const tuned = kafka('  fetch_min_bytes: 1\n  fetch_max_wait_ms: 10\n');
    expect(loadConfig(tuned, TYPES).kafka?.fetch).toEqual({ minBytes: 1, maxWaitMs: 10 });
    const bad = kafka('  fetch_max_wait_ms: 60000\n');
    expect(() => loadConfig(bad, TYPES)).toThrow(
      /:3: option 'kafka\.fetch_max_wait_ms': Number must be less/,
    );
  });

  it('rejects an unknown option and names it with its line', () => {
    const file = configFile('topics:\n  events: e\n  partitons: 3\n');
    expect(() => loadConfig(file, TYPES)).toThrow(`${file}:3: unknown option 'topics.partitons'`);
  });

  it('names a bad value with its option and line', () => {
    const file = configFile(
      'kafka:\n  brokers: [localhost:9092]\n  sasl:\n    mechanism: gssapi\n    username: u\n    password: p\n',
    );
    expect(() => loadConfig(file, TYPES)).toThrow(/:4: option 'kafka\.sasl\.mechanism': Invalid enum value/);
  });

  it('names an unknown connector type', () => {
    const file = configFile(
      'connectors:\n  - name: ct\n    type: aws-cloudtrial\n    input: { stdin: {} }\n',
    );
    expect(() => loadConfig(file, TYPES)).toThrow(
      /:3: option 'connectors\.0\.type': unknown connector type 'aws-cloudtrial'/,
    );
  });

  it('interpolates ${ENV} and defaults, and stops on an unset variable', () => {
    const file = configFile('kafka:\n  brokers: ["${BROKER}", "${OTHER:-b2:9092}"]\n');
    expect(loadConfig(file, TYPES, { BROKER: 'b1:9092' }).kafka?.brokers).toEqual(['b1:9092', 'b2:9092']);
    expect(() => loadConfig(file, TYPES, {})).toThrow(
      /:2: option 'kafka\.brokers\.0' uses \$\{BROKER\}, which is not set/,
    );
  });

  it('keeps secrets out of every printed form of the config', () => {
    const passwordFile = join(dir, 'kafka-password');
    writeFileSync(passwordFile, 'file-secret-value\n');
    const file = configFile(
      [
        'kafka:',
        '  brokers: [localhost:9092]',
        '  sasl: { mechanism: scram-sha-512, username: svc, password_file: kafka-password }',
        'connectors:',
        '  - name: push',
        '    type: auto',
        '    input: { http: { listen: "127.0.0.1:0", token: "${PUSH_TOKEN}" } }',
      ].join('\n'),
    );
    const config = loadConfig(file, TYPES, { PUSH_TOKEN: 'env-secret-token' });
    expect(config.kafka?.sasl?.password.reveal()).toBe('file-secret-value');
    expect(config.connectors[0]?.token?.reveal()).toBe('env-secret-token');
    for (const printed of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      String(config.kafka?.sasl?.password),
    ]) {
      expect(printed).not.toContain('file-secret-value');
      expect(printed).not.toContain('env-secret-token');
    }
  });

  it('requires a token for HTTP inputs', () => {
    const file = configFile(
      'connectors:\n  - name: push\n    type: auto\n    input: { http: { listen: "127.0.0.1:8080" } }\n',
    );
    expect(() => loadConfig(file, TYPES)).toThrow(/needs a bearer token/);
  });

  it('reads Elasticsearch credentials from the environment or files and never prints them', () => {
    const keyFile = join(dir, 'es-api-key');
    writeFileSync(keyFile, 'es-file-api-key\n');
    const withKey = loadConfig(
      configFile('elasticsearch:\n  url: https://es:9200\n  api_key_file: es-api-key\n'),
      TYPES,
    );
    expect(withKey.elasticsearch?.auth).toEqual({ apiKey: expect.anything() });
    const basic = loadConfig(
      configFile(
        'elasticsearch:\n  url: https://es:9200\n  username: tripline\n  password: "${ES_PASSWORD}"\n',
      ),
      TYPES,
      { ES_PASSWORD: 'es-env-password' },
    );
    const auth = basic.elasticsearch?.auth as { username: string; password: { reveal(): string } };
    expect(auth.password.reveal()).toBe('es-env-password');
    for (const printed of [JSON.stringify([withKey, basic]), inspect([withKey, basic], { depth: 10 })]) {
      expect(printed).not.toContain('es-file-api-key');
      expect(printed).not.toContain('es-env-password');
    }
    expect(() =>
      loadConfig(
        configFile('elasticsearch:\n  url: https://es:9200\n  api_key: k\n  username: u\n  password: p\n'),
        TYPES,
      ),
    ).toThrow(/either an API key or a username and password/);
  });
});
