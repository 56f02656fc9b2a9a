import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '../../adapters/embedded/memory-bus';
import { KafkajsBus } from '../../adapters/kafka/kafkajs-bus';
import { PlatformaticBus } from '../../adapters/kafka/platformatic-bus';
import { RdkafkaBus } from '../../adapters/kafka/rdkafka-bus';
import { rdkafkaAvailable } from '../../adapters/kafka/rdkafka-module';
import { loadConfig } from '../../config/load-config';
import { createBus } from './create-bus';

const dir = mkdtempSync(join(tmpdir(), 'tripline-bus-'));
const config = (text: string): ReturnType<typeof loadConfig> => {
  const path = join(dir, `c${Math.random().toString(16).slice(2)}.yml`);
  writeFileSync(path, text);
  return loadConfig(path, ['aws-cloudtrail']);
};

describe('createBus', () => {
  it('is the in-process bus without kafka, kafkajs by default, @platformatic/kafka when chosen', async () => {
    expect(createBus(config('detector: {}\n'))).toBeInstanceOf(MemoryBus);
    const kafkajs = createBus(config('kafka:\n  brokers: ["localhost:9092"]\n'));
    expect(kafkajs).toBeInstanceOf(KafkajsBus);
    const platformatic = createBus(config('kafka:\n  brokers: ["localhost:9092"]\n  client: platformatic\n'));
    expect(platformatic).toBeInstanceOf(PlatformaticBus);
    await Promise.all([kafkajs.close(), platformatic.close()]);
  });

  it('is librdkafka with client rdkafka where the optional addon is built, else an error naming the option', async () => {
    const chosen = config('kafka:\n  brokers: ["localhost:9092"]\n  client: rdkafka\n');
    if (rdkafkaAvailable()) {
      const rdkafka = createBus(chosen);
      expect(rdkafka).toBeInstanceOf(RdkafkaBus);
      await rdkafka.close();
    } else {
      expect(() => createBus(chosen)).toThrow(
        /kafka\.client 'rdkafka' needs the optional package node-rdkafka/,
      );
    }
  });

  it('refuses an unknown client, naming the option and its line', () => {
    expect(() => config('kafka:\n  brokers: ["localhost:9092"]\n  client: confluent\n')).toThrow(
      /:3: option 'kafka\.client'/,
    );
  });

  it('takes lz4 as the default compression and refuses one the clients lack', () => {
    expect(config('kafka:\n  brokers: ["localhost:9092"]\n').kafka?.compression).toBe('lz4');
    expect(() => config('kafka:\n  brokers: ["localhost:9092"]\n  compression: brotli\n')).toThrow(
      /:3: option 'kafka\.compression'/,
    );
  });
});
