import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ZodIssue } from 'zod';
import { InputError } from '../core/errors';
import { parseYamlSource } from '../detection/sigma/yaml/yaml-source';
import type { KafkaClient, KafkaConnection } from '../adapters/kafka/kafka-connection';
import type { ElasticsearchConnection } from '../adapters/elasticsearch/es-connection';
import { configSchema, type RawConfig } from './config-schema';
import { interpolateEnv, type MissingVariable } from './interpolate-env';
import { Secret } from './secret';

export type ConnectorConfig = RawConfig['connectors'][number] & { token?: Secret };

/** The validated, resolved and frozen configuration. */
export interface TriplineConfig {
  /** Absent: embedded mode (in-process bus). */
  kafka?: KafkaConnection;
  /** The client library that talks to `kafka` (default kafkajs). */
  kafkaClient?: KafkaClient;
  /** Absent: alerts go to the console and the NDJSON file of `output`. */
  elasticsearch?: ElasticsearchConnection & {
    alertsIndex: string;
    eventsIndex: string;
    deadletterIndex: string;
  };
  sink: RawConfig['sink'];
  topics: RawConfig['topics'];
  connectors: readonly ConnectorConfig[];
  detector: RawConfig['detector'];
  output: RawConfig['output'];
  /** The file it came from, or `(defaults)`. */
  file: string;
}

/**
 * Loads a configuration file: YAML → `${ENV}` interpolation → schema (defaults, unknown keys rejected)
 * → secrets and TLS files resolved. Everything is checked before any connection is made; an error
 * names the file, the line and the option.
 */
export function loadConfig(
  file: string | undefined,
  connectorTypes: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): TriplineConfig {
  if (file === undefined) return resolveConfig(configSchema.parse({}), '(defaults)', process.cwd(), () => 1);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'config.invalid',
      `cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  const yaml = parseYamlSource(text, file);
  const syntax = yaml.diagnostics.find((d) => d.severity === 'error');
  if (syntax)
    throw new InputError('config.invalid', `${file}:${syntax.location?.line ?? 1}: ${syntax.message}`);
  const document = yaml.documents[0];
  const lineOf = (path: readonly (string | number)[]): number => document?.locate(path).line ?? 1;
  const missing: MissingVariable[] = [];
  const interpolated = interpolateEnv(document?.value ?? {}, env, missing);
  if (missing.length > 0) {
    const first = missing[0] as MissingVariable;
    throw new InputError(
      'config.env_missing',
      `${file}:${lineOf(first.path)}: option '${first.path.join('.')}' uses \${${first.name}}, which is not set`,
    );
  }
  const parsed = configSchema.safeParse(interpolated ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as ZodIssue;
    const where =
      issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    throw new InputError('config.invalid', `${file}:${lineOf(where)}: ${describeIssue(issue)}`);
  }
  parsed.data.connectors.forEach((c, i) => {
    if (c.type !== 'auto' && !connectorTypes.includes(c.type)) {
      throw new InputError(
        'config.invalid',
        `${file}:${lineOf(['connectors', i, 'type'])}: option 'connectors.${i}.type': unknown connector type '${c.type}' (known: auto, ${connectorTypes.join(', ')})`,
      );
    }
  });
  return resolveConfig(parsed.data, file, dirname(resolve(file)), lineOf);
}

function describeIssue(issue: ZodIssue): string {
  const option = issue.path.join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (option === '(top level)' ? k : `${option}.${k}`));
    return `unknown option${keys.length > 1 ? 's' : ''} '${keys.join("', '")}'`;
  }
  return `option '${option}': ${issue.message}`;
}

function resolveConfig(
  raw: RawConfig,
  file: string,
  baseDir: string,
  lineOf: (path: readonly (string | number)[]) => number,
): TriplineConfig {
  const readSecretFile = (path: string, option: string): Secret => {
    try {
      return new Secret(readFileSync(isAbsolute(path) ? path : resolve(baseDir, path), 'utf8').trim());
    } catch (error) {
      throw new InputError(
        'config.invalid',
        `${file}:${lineOf(option.split('.'))}: option '${option}': cannot read ${path} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  };
  const readText = (path: string, option: string): string => readSecretFile(path, option).reveal();

  let kafka: KafkaConnection | undefined;
  if (raw.kafka) {
    const k = raw.kafka;
    kafka = {
      brokers: k.brokers,
      clientId: k.client_id,
      compression: k.compression,
      fetch: { minBytes: k.fetch_min_bytes, maxWaitMs: k.fetch_max_wait_ms },
      ...(k.tls
        ? {
            tls: {
              rejectUnauthorized: !k.tls.insecure_skip_verify,
              ...(k.tls.ca_file ? { ca: readText(k.tls.ca_file, 'kafka.tls.ca_file') } : {}),
              ...(k.tls.cert_file ? { cert: readText(k.tls.cert_file, 'kafka.tls.cert_file') } : {}),
              ...(k.tls.key_file ? { key: readSecretFile(k.tls.key_file, 'kafka.tls.key_file') } : {}),
            },
          }
        : {}),
      ...(k.sasl
        ? {
            sasl: {
              mechanism: k.sasl.mechanism,
              username: k.sasl.username,
              password: k.sasl.password_file
                ? readSecretFile(k.sasl.password_file, 'kafka.sasl.password_file')
                : new Secret(k.sasl.password ?? ''),
            },
          }
        : {}),
    };
  }
  let elasticsearch: TriplineConfig['elasticsearch'];
  if (raw.elasticsearch) {
    const e = raw.elasticsearch;
    const apiKey = e.api_key_file
      ? readSecretFile(e.api_key_file, 'elasticsearch.api_key_file')
      : e.api_key !== undefined
        ? new Secret(e.api_key)
        : undefined;
    const password = e.password_file
      ? readSecretFile(e.password_file, 'elasticsearch.password_file')
      : e.password !== undefined
        ? new Secret(e.password)
        : undefined;
    elasticsearch = {
      url: e.url,
      requestTimeoutMs: e.request_timeout_ms,
      alertsIndex: e.alerts_index,
      eventsIndex: e.events_index,
      deadletterIndex: e.deadletter_index,
      ...(apiKey
        ? { auth: { apiKey } }
        : e.username && password
          ? { auth: { username: e.username, password } }
          : {}),
      ...(e.tls
        ? {
            tls: {
              rejectUnauthorized: !e.tls.insecure_skip_verify,
              ...(e.tls.ca_file ? { ca: readText(e.tls.ca_file, 'elasticsearch.tls.ca_file') } : {}),
            },
          }
        : {}),
    };
  }
  const connectors = raw.connectors.map((c, i) => {
    const http = c.input.http;
    if (!http) return c;
    const token = http.token_file
      ? readSecretFile(http.token_file, `connectors.${i}.input.http.token_file`)
      : new Secret(http.token ?? '');
    // The token text leaves the plain config: only the Secret is kept.
    return { ...c, input: { http: { ...http, token: undefined } }, token };
  });
  const names = new Set<string>();
  raw.connectors.forEach((c, i) => {
    if (names.has(c.name)) {
      throw new InputError(
        'config.invalid',
        `${file}:${lineOf(['connectors', i, 'name'])}: connector name '${c.name}' is used twice`,
      );
    }
    names.add(c.name);
  });
  return deepFreeze({
    ...(kafka ? { kafka, kafkaClient: raw.kafka?.client ?? 'kafkajs' } : {}),
    ...(elasticsearch ? { elasticsearch } : {}),
    sink: raw.sink,
    topics: raw.topics,
    connectors,
    detector: raw.detector,
    output: raw.output,
    file,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Secret) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
