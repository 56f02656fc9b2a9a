/**
 * Chooses the partition of a keyed message the way Kafka's default partitioner does (murmur2 of the
 * key bytes, positive, modulo the partition count), so a key lands on the same partition number in
 * embedded mode as on a broker. Messages without a key go to partition 0.
 */
export function partitionFor(key: string | null, partitions: number): number {
  if (key === null || partitions <= 1) return 0;
  return (murmur2(Buffer.from(key)) & 0x7fffffff) % partitions;
}

export function murmur2(data: Buffer): number {
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const length = data.length;
  let h = seed ^ length;
  const fours = length & ~3;
  for (let i = 0; i < fours; i += 4) {
    let k = data.readInt32LE(i);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const tail = length & 3;
  if (tail === 3) h ^= (data[fours + 2] as number) << 16;
  if (tail >= 2) h ^= (data[fours + 1] as number) << 8;
  if (tail >= 1) {
    h ^= data[fours] as number;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
}
