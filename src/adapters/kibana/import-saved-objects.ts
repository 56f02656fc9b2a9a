import { z } from 'zod';
import type { Secret } from '../../config/secret';

/**
 * Kibana's import saved objects API (`POST [/s/<space>]/api/saved_objects/_import?overwrite=true`, a
 * multipart form whose `file` field is the NDJSON), with Node's fetch. The API key goes only into the
 * `Authorization` header; it is never part of an error message.
 */
export interface ImportSavedObjectsOptions {
  /** Kibana's base URL, with its base path if it has one (`https://kibana.example.com/kibana`). */
  url: string;
  /** Sent as `Authorization: ApiKey <key>`; no header without one (Kibana without security). */
  apiKey?: Secret;
  /** The space to import into; the default space when absent or `default`. */
  space?: string;
  /** The saved objects, one JSON object per line. */
  ndjson: string;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

const objectMeta = z.object({ title: z.string().optional(), icon: z.string().optional() }).passthrough();

const successResult = z
  .object({
    type: z.string(),
    id: z.string(),
    destinationId: z.string().optional(),
    overwrite: z.boolean().optional(),
    meta: objectMeta.optional(),
  })
  .passthrough();

const importError = z
  .object({
    type: z.string(),
    id: z.string(),
    title: z.string().optional(),
    meta: objectMeta.optional(),
    error: z
      .object({
        // conflict, ambiguous_conflict, missing_references, unsupported_type, unknown
        type: z.string(),
        message: z.string().optional(),
        statusCode: z.number().optional(),
        destinationId: z.string().optional(),
        references: z.array(z.object({ type: z.string(), id: z.string() }).passthrough()).optional(),
      })
      .passthrough(),
  })
  .passthrough();

const importResponse = z
  .object({
    success: z.boolean(),
    successCount: z.number(),
    successResults: z.array(successResult).optional(),
    errors: z.array(importError).optional(),
  })
  .passthrough();

export type ImportSuccessResult = z.infer<typeof successResult>;
export type ImportFailure = z.infer<typeof importError>;
/** Kibana's answer: `success` is false when any object failed (then `errors` says which and why). */
export type ImportResponse = z.infer<typeof importResponse>;

/** Kibana could not be reached, refused the request (401, 403, 413…) or answered something else. */
export class KibanaImportError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KibanaImportError';
  }
}

/** The file name Kibana sees for the upload (it only accepts `.ndjson`). */
export const IMPORT_FILE_NAME = 'tripline.ndjson';

/** Kibana space ids: lowercase letters, digits, `_` and `-`. */
const SPACE_ID = /^[a-z0-9_-]+$/;

/** The import endpoint for a Kibana base URL and an optional space. */
export function importUrl(base: string, space?: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new KibanaImportError('the Kibana URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new KibanaImportError('the Kibana URL must start with http:// or https://');
  if (url.username || url.password)
    throw new KibanaImportError('the Kibana URL must not contain credentials: use an API key');
  if (space !== undefined && !SPACE_ID.test(space))
    throw new KibanaImportError(`'${space}' is not a Kibana space id (lowercase letters, digits, _ and -)`);
  const spacePath = space && space !== 'default' ? `/s/${space}` : '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${spacePath}/api/saved_objects/_import`;
  url.search = '';
  url.hash = '';
  url.searchParams.set('overwrite', 'true');
  return url;
}

export async function importSavedObjects(options: ImportSavedObjectsOptions): Promise<ImportResponse> {
  const url = importUrl(options.url, options.space);
  const form = new FormData();
  form.append('file', new Blob([options.ndjson], { type: 'application/ndjson' }), IMPORT_FILE_NAME);
  const headers: Record<string, string> = { 'kbn-xsrf': 'true', accept: 'application/json' };
  if (options.apiKey) headers['authorization'] = `ApiKey ${options.apiKey.reveal()}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: form,
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new KibanaImportError(`cannot reach Kibana at ${url.origin}: ${reasonOf(error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new KibanaImportError(
      `Kibana refused the import: HTTP ${response.status}${kibanaMessage(text)}`,
      response.status,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new KibanaImportError('Kibana answered the import with something other than JSON', response.status);
  }
  const parsed = importResponse.safeParse(body);
  if (!parsed.success)
    throw new KibanaImportError('Kibana answered the import without success/successCount', response.status);
  return parsed.data;
}

/** Kibana's error body is `{ statusCode, error, message }`; only its words are kept, cut short. */
function kibanaMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const words = [body.error, body.message].filter((w): w is string => typeof w === 'string');
    return words.length > 0 ? ` ${shorten(words.join(': '))}` : '';
  } catch {
    return '';
  }
}

/** Node's fetch fails with `fetch failed`; the cause (ECONNREFUSED, ENOTFOUND, timeout) says why. */
function reasonOf(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  return shorten(err.cause?.code ?? err.cause?.message ?? err.message ?? String(error));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
