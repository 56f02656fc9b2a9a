import { rdkafkaAvailable } from '../../../src/adapters/kafka/rdkafka-module';
import type { Gate } from '../environment-gate';

/**
 * The rdkafka adapter needs the optional native addon node-rdkafka, which `npm install` builds only where a
 * C/C++ toolchain is present. .ci/run builds it and sets TRIPLINE_REQUIRE_RDKAFKA=1, so its tests must run there.
 */
export function rdkafkaGate(env: NodeJS.ProcessEnv = process.env): Gate<true> {
  if (rdkafkaAvailable()) return { available: true, value: true };
  return {
    available: false,
    requiredBy: 'TRIPLINE_REQUIRE_RDKAFKA=1',
    required: env['TRIPLINE_REQUIRE_RDKAFKA'] === '1',
    reason: 'the optional package node-rdkafka is not installed or not built',
  };
}
