/**
 * Explicit mappings of the alert documents (see src/alerts/document/alert-document.ts). Strings not
 * listed here are mapped as keyword by the dynamic template, so entity fields a connector adds stay
 * searchable without a mapping change; texts meant for reading are `text`.
 *
 * Each indexed value costs the node CPU on every alert, so values that are only read, never searched or
 * aggregated, are kept in `_source` only: reference URLs, and the copies under `kibana.alert.rule` of what
 * `rule.*` and `tags` already index (the rule's id, name and author stay searchable under both names).
 */
const keyword = { type: 'keyword', ignore_above: 1024 } as const;
const text = { type: 'text' } as const;
/** The alert's one-line summary: also a keyword, to count alerts by it. */
const textAndKeyword = {
  type: 'text',
  fields: { keyword: { type: 'keyword', ignore_above: 1024 } },
} as const;
const date = { type: 'date' } as const;
/** Shown with the alert, not searchable. */
const shownKeyword = { type: 'keyword', index: false, doc_values: false } as const;
const shownText = { type: 'text', index: false } as const;

const threatNames = { properties: { id: keyword, name: keyword, reference: shownKeyword } } as const;

export const ALERT_MAPPINGS = {
  dynamic: true,
  dynamic_templates: [{ strings_as_keywords: { match_mapping_type: 'string', mapping: keyword } }],
  properties: {
    '@timestamp': date,
    message: textAndKeyword,
    tags: keyword,
    event: {
      properties: {
        kind: keyword,
        id: keyword,
        created: date,
        severity: { type: 'long' },
        risk_score: { type: 'float' },
        module: keyword,
        dataset: keyword,
        action: keyword,
        provider: keyword,
      },
    },
    rule: {
      properties: {
        id: keyword,
        uuid: keyword,
        name: keyword,
        description: text,
        author: keyword,
        reference: shownKeyword,
        ruleset: keyword,
        license: keyword,
        version: keyword,
      },
    },
    kibana: {
      properties: {
        alert: {
          properties: {
            uuid: keyword,
            status: keyword,
            workflow_status: keyword,
            workflow_user: keyword,
            workflow_reason: text,
            workflow_status_updated_at: date,
            severity: keyword,
            risk_score: { type: 'float' },
            original_time: date,
            reason: text,
            rule: {
              properties: {
                uuid: keyword,
                rule_id: keyword,
                name: keyword,
                description: shownText,
                author: keyword,
                references: shownKeyword,
                tags: shownKeyword,
                status: keyword,
                version: keyword,
                false_positives: shownKeyword,
              },
            },
          },
        },
      },
    },
    threat: {
      properties: {
        framework: keyword,
        tactic: threatNames,
        technique: { properties: { ...threatNames.properties, subtechnique: threatNames } },
      },
    },
    related: { properties: { user: keyword, ip: { type: 'ip' } } },
    user: { properties: { id: keyword, name: keyword, email: keyword, domain: keyword } },
    source: { properties: { ip: { type: 'ip' }, address: keyword, port: { type: 'long' } } },
    destination: {
      properties: { ip: { type: 'ip' }, address: keyword, port: { type: 'long' }, domain: keyword },
    },
    cloud: {
      properties: {
        provider: keyword,
        region: keyword,
        account: { properties: { id: keyword, name: keyword } },
        project: { properties: { id: keyword, name: keyword } },
        service: { properties: { name: keyword } },
      },
    },
    host: { properties: { name: keyword, id: keyword, hostname: keyword, ip: { type: 'ip' } } },
    user_agent: { properties: { original: keyword } },
    llm: { properties: { api_key: { properties: { id: keyword, fingerprint: keyword, alias: keyword } } } },
    tripline: {
      properties: {
        rule_file: keyword,
        owasp_llm: keyword,
        api_key: { properties: { fingerprint: keyword } },
        workflow: {
          properties: {
            status: keyword,
            // Who changed the status, when and why: read back whole, never searched field by field.
            history: { type: 'object', enabled: false },
          },
        },
        matched: { properties: { field: keyword, value: keyword, matched_by: keyword } },
        event: {
          properties: {
            id: keyword,
            connector: keyword,
            entity_key: keyword,
            original_excerpt: { type: 'text', index: false },
            logsource: { properties: { product: keyword, category: keyword, service: keyword } },
          },
        },
      },
    },
  },
} as const;
