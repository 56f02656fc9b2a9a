import { z } from 'zod';
import { DEFAULT_FETCH, KAFKA_CLIENTS, KAFKA_COMPRESSIONS } from '../adapters/kafka/kafka-connection';

/**
 * The configuration file's schema. Defaults live here and nowhere else; unknown keys are rejected at
 * every level, so a typo stops start-up instead of being ignored. Secrets are written as text (usually
 * `${ENV}`) or as `*_file` paths; the loader turns both into Secret values.
 */
const secretText = z.string().min(1);

const tlsSchema = z
  .object({
    ca_file: z.string().optional(),
    cert_file: z.string().optional(),
    key_file: z.string().optional(),
    /** Only for self-signed test brokers. */
    insecure_skip_verify: z.boolean().default(false),
  })
  .strict();

const saslSchema = z
  .object({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1),
    password: secretText.optional(),
    password_file: z.string().optional(),
  })
  .strict()
  .refine((s) => (s.password === undefined) !== (s.password_file === undefined), {
    message: 'give exactly one of password and password_file',
  });

const kafkaSchema = z
  .object({
    brokers: z.array(z.string().regex(/^[^\s:]+:\d+$/, 'a broker is host:port')).min(1),
    /**
     * The client library: kafkajs; @platformatic/kafka (less CPU per event, lower latency under load); or
     * rdkafka, librdkafka through the optional native addon node-rdkafka (the least CPU per event).
     */
    client: z.enum(KAFKA_CLIENTS).default('kafkajs'),
    client_id: z.string().default('tripline'),
    tls: tlsSchema.optional(),
    sasl: saslSchema.optional(),
    compression: z.enum(KAFKA_COMPRESSIONS).default('lz4'),
    /** A consumer's fetch waits on the broker for this many bytes or this long (see KafkaFetch). */
    fetch_min_bytes: z
      .number()
      .int()
      .min(1)
      .max(64 * 1024 * 1024)
      .default(DEFAULT_FETCH.minBytes),
    fetch_max_wait_ms: z.number().int().min(0).max(30_000).default(DEFAULT_FETCH.maxWaitMs),
  })
  .strict();

const topicsSchema = z
  .object({
    events: z.string().default('tripline.events'),
    alerts: z.string().default('tripline.alerts'),
    deadletter: z.string().default('tripline.deadletter'),
    partitions: z.number().int().min(1).default(6),
    replication_factor: z.number().int().min(1).default(1),
  })
  .strict();

const fileInputSchema = z
  .object({
    paths: z.array(z.string()).min(1),
    /** Keep reading files as they grow (tail -f), and pick up new files in folders. */
    follow: z.boolean().default(false),
  })
  .strict();

const httpInputSchema = z
  .object({
    listen: z
      .string()
      .regex(/^[^\s]*:\d+$/, 'listen is host:port')
      .default('127.0.0.1:8088'),
    token: secretText.optional(),
    token_file: z.string().optional(),
    tls: z.object({ cert_file: z.string(), key_file: z.string() }).strict().optional(),
    max_body_bytes: z
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
  })
  .strict()
  .refine((h) => h.token !== undefined || h.token_file !== undefined, {
    message: 'an HTTP input needs a bearer token (token or token_file)',
  });

const kafkaInputSchema = z
  .object({
    topic: z.string().min(1),
    group_id: z.string().default('tripline-connector'),
  })
  .strict();

const inputSchema = z
  .object({
    file: fileInputSchema.optional(),
    stdin: z.object({}).strict().optional(),
    http: httpInputSchema.optional(),
    kafka: kafkaInputSchema.optional(),
  })
  .strict()
  .refine((i) => Object.values(i).filter((v) => v !== undefined).length === 1, {
    message: 'an input is exactly one of file, stdin, http, kafka',
  });

const connectorSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a name is lowercase letters, digits, - and _'),
    /** A connector type id, or `auto` to detect each record's vendor. */
    type: z.string().min(1),
    input: inputSchema,
    max_record_bytes: z
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    max_original_bytes: z
      .number()
      .int()
      .min(0)
      .default(16 * 1024),
  })
  .strict();

const detectorSchema = z
  .object({
    rules: z.array(z.string()).min(1).default(['detections']),
    placeholders: z.array(z.string()).default([]),
    group_id: z.string().default('tripline-detector'),
    hot_reload: z.boolean().default(true),
    /** Partitions whose batches one detector handles at once: evaluation overlaps waiting for acks. */
    concurrent_partitions: z.number().int().min(1).max(64).default(4),
  })
  .strict();

const elasticsearchSchema = z
  .object({
    url: z.string().url(),
    api_key: secretText.optional(),
    api_key_file: z.string().optional(),
    username: z.string().optional(),
    password: secretText.optional(),
    password_file: z.string().optional(),
    tls: z
      .object({ ca_file: z.string().optional(), insecure_skip_verify: z.boolean().default(false) })
      .strict()
      .optional(),
    alerts_index: z.string().default('logs-tripline.alerts-default'),
    events_index: z.string().default('logs-tripline.events-default'),
    deadletter_index: z.string().default('logs-tripline.deadletter-default'),
    request_timeout_ms: z.number().int().min(1000).default(30_000),
  })
  .strict()
  .refine((e) => !(e.api_key ?? e.api_key_file) || !(e.username ?? e.password ?? e.password_file), {
    message: 'give either an API key or a username and password, not both',
  })
  .refine((e) => (e.username === undefined) === (e.password === undefined && e.password_file === undefined), {
    message: 'basic auth needs both username and password (or password_file)',
  });

const sinkSchema = z
  .object({
    group_id: z.string().default('tripline-alert-sink'),
    /** Also index the normalized events, so analysts can pivot from an alert to the events around it. */
    index_events: z.boolean().default(false),
    events_group_id: z.string().default('tripline-event-sink'),
    deadletter_group_id: z.string().default('tripline-deadletter-sink'),
    /** Remove prompt and completion text from the evidence of alerts. */
    redact_prompts: z.boolean().default(true),
    bulk_max_documents: z.number().int().min(1).max(10_000).default(1000),
    /** Bulk requests in flight per consumed batch: one is built while others are indexed. */
    concurrent_writes: z.number().int().min(1).max(16).default(3),
    /**
     * Partitions whose batches are stored at once: a batch is committed only once all of it is stored, so
     * with one at a time the node idles while the end of each batch is indexed.
     */
    concurrent_partitions: z.number().int().min(1).max(64).default(2),
  })
  .strict();

const outputSchema = z
  .object({
    console: z.boolean().default(true),
    /** Embedded mode: alerts are also appended to this NDJSON file. */
    alerts_file: z.string().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    kafka: kafkaSchema.optional(),
    elasticsearch: elasticsearchSchema.optional(),
    sink: sinkSchema.default({}),
    topics: topicsSchema.default({}),
    connectors: z.array(connectorSchema).default([]),
    detector: detectorSchema.default({}),
    output: outputSchema.default({}),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
