import type { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';

export type WorkflowStatus = 'open' | 'acknowledged' | 'closed';

export interface StoredAlert {
  id: string;
  index: string;
  source: Record<string, unknown>;
}

export interface AlertQuery {
  status?: WorkflowStatus;
  severity?: string;
  /** A rule id or name. */
  rule?: string;
  /** Only alerts at or after this time (ISO-8601 or an Elasticsearch date-math expression like `now-24h`). */
  since?: string;
  size: number;
}

export interface StatusChange {
  status: WorkflowStatus;
  by: string;
  reason: string;
  at: string;
}

/** Finds alerts and changes their workflow status, so triage needs neither Dev Tools nor scripts. */
export class AlertStore {
  constructor(
    private readonly client: Client,
    /** Index pattern searched (`logs-tripline.alerts-*`). */
    private readonly pattern: string,
  ) {}

  async list(query: AlertQuery): Promise<{ total: number; alerts: StoredAlert[] }> {
    const filter: QueryDslQueryContainer[] = [];
    if (query.status) filter.push({ term: { 'kibana.alert.workflow_status': query.status } });
    if (query.severity) filter.push({ term: { 'kibana.alert.severity': query.severity } });
    if (query.rule) {
      filter.push({
        bool: {
          should: [{ term: { 'rule.id': query.rule } }, { term: { 'rule.name': query.rule } }],
          minimum_should_match: 1,
        },
      });
    }
    if (query.since) filter.push({ range: { '@timestamp': { gte: query.since } } });
    const response = await this.client.search<Record<string, unknown>>({
      index: this.pattern,
      size: query.size,
      sort: [{ '@timestamp': { order: 'desc' } }],
      query: { bool: { filter } },
      track_total_hits: true,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    const total =
      typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
    return {
      total,
      alerts: response.hits.hits.map((h) => ({
        id: h._id as string,
        index: h._index,
        source: h._source ?? {},
      })),
    };
  }

  async get(id: string): Promise<(StoredAlert & { seqNo: number; primaryTerm: number }) | undefined> {
    const response = await this.client.search<Record<string, unknown>>({
      index: this.pattern,
      size: 1,
      query: { ids: { values: [id] } },
      seq_no_primary_term: true,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    const hit = response.hits.hits[0];
    if (!hit) return undefined;
    return {
      id,
      index: hit._index,
      source: hit._source ?? {},
      seqNo: hit._seq_no ?? 0,
      primaryTerm: hit._primary_term ?? 1,
    };
  }

  /**
   * Sets the workflow status with who and why, appending to the alert's history. The write is
   * conditional on the version read, so two analysts changing one alert at once cannot lose a change.
   */
  async setStatus(id: string, change: StatusChange): Promise<StoredAlert | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const alert = await this.get(id);
      if (!alert) return undefined;
      const tripline = (alert.source['tripline'] ?? {}) as { workflow?: { history?: unknown[] } };
      const history = [...(tripline.workflow?.history ?? []), change];
      const doc = {
        kibana: {
          alert: {
            workflow_status: change.status,
            workflow_user: change.by,
            workflow_reason: change.reason,
            workflow_status_updated_at: change.at,
          },
        },
        tripline: { workflow: { status: change.status, history } },
      };
      try {
        await this.client.update({
          index: alert.index,
          id,
          doc,
          if_seq_no: alert.seqNo,
          if_primary_term: alert.primaryTerm,
          refresh: 'wait_for',
        });
        return { ...alert, source: { ...alert.source, ...doc } };
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 409) throw error;
      }
    }
    throw new Error(`alert ${id} changed three times while being updated; try again`);
  }
}
