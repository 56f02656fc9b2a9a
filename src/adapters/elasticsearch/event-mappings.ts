/**
 * Mappings of the normalized events (the optional second sink). The ECS fields analysts pivot on are
 * explicit; each vendor record kept as it came (`<namespace>.raw`) is one `flattened` field, so hundreds
 * of vendor field names never grow the mapping; other strings become keywords.
 */
const keyword = { type: 'keyword', ignore_above: 1024 } as const;

export function eventMappings(flattenedSupported: boolean): Record<string, unknown> {
  return {
    dynamic: true,
    dynamic_templates: [
      {
        vendor_records: {
          path_match: '*.raw',
          mapping: flattenedSupported
            ? { type: 'flattened', ignore_above: 1024 }
            : { type: 'object', enabled: false },
        },
      },
      { strings_as_keywords: { match_mapping_type: 'string', mapping: keyword } },
      { numbers_as_doubles: { match_mapping_type: 'double', mapping: { type: 'double' } } },
    ],
    properties: {
      '@timestamp': { type: 'date' },
      event: {
        properties: {
          id: keyword,
          kind: keyword,
          action: keyword,
          provider: keyword,
          outcome: keyword,
          category: keyword,
          type: keyword,
          module: keyword,
          dataset: keyword,
          ingested: { type: 'date' },
          created: { type: 'date' },
          original: { type: 'text', index: false },
          original_truncated: { type: 'boolean' },
        },
      },
      source: { properties: { ip: { type: 'ip' }, address: keyword, port: { type: 'long' } } },
      destination: { properties: { ip: { type: 'ip' }, address: keyword, port: { type: 'long' } } },
      user: { properties: { id: keyword, name: keyword, email: keyword } },
      host: { properties: { name: keyword, id: keyword } },
      cloud: { properties: { provider: keyword, region: keyword, account: { properties: { id: keyword } } } },
      gen_ai: {
        properties: {
          usage: {
            properties: {
              input_tokens: { type: 'long' },
              output_tokens: { type: 'long' },
              prompt_tokens: { type: 'long' },
              completion_tokens: { type: 'long' },
            },
          },
        },
      },
      tripline: {
        properties: {
          connector: keyword,
          entity_key: keyword,
          logsource: { properties: { product: keyword, category: keyword, service: keyword } },
        },
      },
    },
  };
}
