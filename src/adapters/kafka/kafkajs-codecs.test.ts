import { compressionsAlgorithms } from '@platformatic/kafka';
import { decompressSnappy } from './kafkajs-codecs';

const snappyCompress = (data: Buffer): Buffer => compressionsAlgorithms.snappy.compressSync(data);

describe('decompressSnappy', () => {
  const text = Buffer.from('tripline '.repeat(500));

  it('reads a raw Snappy block, as the clients of this project write it', () => {
    expect(decompressSnappy(snappyCompress(text)).equals(text)).toBe(true);
  });

  it('reads the xerial framing Java clients write: a 16-byte header, then length-prefixed blocks', () => {
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const blocks = [text.subarray(0, 1000), text.subarray(1000)].map((part) => {
      const compressed = snappyCompress(Buffer.from(part));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(compressed.length);
      return Buffer.concat([length, compressed]);
    });
    expect(decompressSnappy(Buffer.concat([header, ...blocks])).equals(text)).toBe(true);
  });

  it('refuses a truncated xerial block instead of returning part of the batch', () => {
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const compressed = snappyCompress(text);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(compressed.length);
    const truncated = Buffer.concat([header, length, compressed.subarray(0, 10)]);
    expect(() => decompressSnappy(truncated)).toThrow('truncated xerial snappy block');
  });
});
