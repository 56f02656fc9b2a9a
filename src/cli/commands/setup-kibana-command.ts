import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  importSavedObjects,
  type ImportFailure,
  type ImportResponse,
} from '../../adapters/kibana/import-saved-objects';
import { Secret } from '../../config/secret';
import { EXIT } from '../exit-codes';
import { renderTable } from '../output/table';
import { packageRoot } from '../package-root';

interface SetupKibanaFlags {
  url: string;
  apiKey?: string;
  space?: string;
  json?: boolean;
}

/**
 * `tripline setup kibana`: imports the data views, saved searches, visualizations and dashboard of
 * src/alerts/kibana/saved-objects.ndjson (overwriting earlier copies). Exit 0 when every object was
 * imported, 1 when Kibana reported failures, 2 when Kibana could not be reached or refused the request.
 */
export function registerSetupKibana(setup: Command): void {
  setup
    .command('kibana')
    .description('Import the tripline data views, saved searches, visualizations and dashboard into Kibana')
    .requiredOption('--url <kibana>', 'Kibana base URL, e.g. https://kibana.example.com:5601')
    .option(
      '--api-key <key>',
      'Kibana API key (default: env KIBANA_API_KEY, which other local users cannot see in the process list)',
    )
    .option('--space <id>', 'Kibana space to import into (default: the default space)')
    .option('--json', "print Kibana's answer as JSON")
    .action(async (flags: SetupKibanaFlags) => {
      const rawKey = flags.apiKey ?? process.env['KIBANA_API_KEY'];
      const apiKey = rawKey ? new Secret(rawKey) : undefined;
      const fail = (message: string): void => {
        process.stderr.write(`tripline: ${scrub(message, apiKey)}\n`);
        process.exitCode = EXIT.usage;
      };
      let ndjson: string;
      try {
        ndjson = readFileSync(savedObjectsFile(), 'utf8');
      } catch (error) {
        return fail(`cannot read the Kibana saved objects: ${(error as Error).message}`);
      }
      let response: ImportResponse;
      try {
        response = await importSavedObjects({ url: flags.url, apiKey, space: flags.space, ndjson });
      } catch (error) {
        return fail(`cannot import into Kibana: ${(error as Error).message}`);
      }
      const complete = response.success && (response.errors ?? []).length === 0;
      process.stdout.write(scrub(flags.json ? `${JSON.stringify(response)}\n` : report(response), apiKey));
      process.exitCode = complete ? EXIT.ok : EXIT.findings;
    });
}

/** The NDJSON beside the compiled alerts code if it was copied there, else in the package's src/. */
export function savedObjectsFile(): string {
  const nextToCode = join(__dirname, '..', '..', 'alerts', 'kibana', 'saved-objects.ndjson');
  return existsSync(nextToCode)
    ? nextToCode
    : join(packageRoot(), 'src', 'alerts', 'kibana', 'saved-objects.ndjson');
}

function report(response: ImportResponse): string {
  const lines: string[] = [];
  const imported = response.successResults ?? [];
  if (imported.length > 0) {
    const rows = imported.map((r) => [r.type, r.id, r.meta?.title ?? '']);
    lines.push(
      renderTable([{ header: 'TYPE' }, { header: 'ID' }, { header: 'TITLE', maxWidth: 80 }], rows),
      '',
    );
  }
  const errors = response.errors ?? [];
  if (errors.length > 0) {
    const rows = errors.map((e) => [e.type, e.id, e.title ?? e.meta?.title ?? '', describe(e.error)]);
    lines.push(
      renderTable(
        [
          { header: 'TYPE' },
          { header: 'ID' },
          { header: 'TITLE', maxWidth: 60 },
          { header: 'ERROR', maxWidth: 100 },
        ],
        rows,
      ),
      '',
    );
  }
  lines.push(
    errors.length > 0 || !response.success
      ? `${response.successCount} object(s) imported, ${errors.length} failed`
      : `${response.successCount} object(s) imported`,
  );
  return `${lines.join('\n')}\n`;
}

function describe(error: ImportFailure['error']): string {
  switch (error.type) {
    case 'missing_references':
      return `missing references: ${(error.references ?? []).map((r) => `${r.type}/${r.id}`).join(', ')}`;
    case 'conflict':
      return error.destinationId ? `conflict with ${error.destinationId}` : 'conflict';
    case 'unknown':
      return `${error.statusCode ?? ''} ${error.message ?? 'unknown error'}`.trim();
    default:
      return error.message ? `${error.type}: ${error.message}` : error.type;
  }
}

/** Belt and braces: whatever Kibana echoes back, the key itself is never printed. */
function scrub(text: string, key: Secret | undefined): string {
  const value = key?.reveal();
  return value ? text.split(value).join('[redacted]') : text;
}
