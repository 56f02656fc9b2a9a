import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../config/config-schema';
import type { TriplineConfig } from '../../config/load-config';
import { CONNECTOR_TYPES } from '../../connectors/registry';

/**
 * The embedded default: no servers, the bundled rules, and one connector per bundled sample
 * (`connectors/samples/<connector-id>.ndjson`), read once through the in-process bus.
 */
export function demoConfig(packageRoot: string): TriplineConfig {
  const samples = join(packageRoot, 'connectors', 'samples');
  const known = new Set(CONNECTOR_TYPES.map((c) => c.id));
  const connectors = readdirSync(samples)
    .filter((f) => f.endsWith('.ndjson') && known.has(f.replace(/\.ndjson$/, '')))
    .sort()
    .map((f) => {
      const type = f.replace(/\.ndjson$/, '');
      return { name: type, type, input: { file: { paths: [join(samples, f)] } } };
    });
  const raw = configSchema.parse({
    connectors,
    detector: { rules: [join(packageRoot, 'detections')], hot_reload: false },
    topics: { partitions: 1 },
  });
  return {
    topics: raw.topics,
    sink: raw.sink,
    connectors: raw.connectors,
    detector: raw.detector,
    output: raw.output,
    file: '(embedded default)',
  };
}
