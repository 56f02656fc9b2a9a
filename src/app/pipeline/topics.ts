import type { TriplineConfig } from '../../config/load-config';
import type { TopicSpec } from '../../ports/event-bus';

/** The pipeline's topics with the configured partitions and replication. */
export function pipelineTopics(config: TriplineConfig): TopicSpec[] {
  const { events, alerts, deadletter, partitions, replication_factor } = config.topics;
  return [
    { name: events, partitions, replicationFactor: replication_factor },
    { name: alerts, partitions, replicationFactor: replication_factor },
    // Dead letters are kept longer: someone has to look at them.
    {
      name: deadletter,
      partitions: 1,
      replicationFactor: replication_factor,
      configs: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    },
  ];
}
