import { murmur2, partitionFor } from './partition-for';

describe('partitionFor', () => {
  // Vectors of Kafka's own murmur2 (clients Utils.murmur2), which its default partitioner uses.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s like Kafka', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('sends keyless messages and single-partition topics to partition 0', () => {
    expect(partitionFor(null, 12)).toBe(0);
    expect(partitionFor('anything', 1)).toBe(0);
  });

  it('spreads keys over the partitions', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => partitionFor(`key-${i}`, 8)));
    expect(used.size).toBe(8);
  });
});
