import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { CONNECTOR_TYPES } from '../src/connectors/registry';

const EXAMPLES = join(__dirname, '..', 'connectors', 'examples');

describe('example configurations in connectors/examples', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml')))('%s loads and validates', (file) => {
    const config = loadConfig(
      join(EXAMPLES, file),
      CONNECTOR_TYPES.map((c) => c.id),
      {},
    );
    expect(config.connectors.length).toBeGreaterThan(0);
    expect(config.kafka?.brokers.length ?? 1).toBeGreaterThan(0);
  });
});
