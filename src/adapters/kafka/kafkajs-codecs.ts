import { compressionsAlgorithms } from '@platformatic/kafka';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';

const { lz4, snappy } = compressionsAlgorithms;

/**
 * Snappy and LZ4 for kafkajs, which ships gzip only and takes other codecs through its registry. Both
 * are @platformatic/kafka's (a WebAssembly build), so the two clients write the same bytes: LZ4 frames
 * (what Kafka's record batches hold) and raw Snappy blocks. Snappy written by Java clients is framed the
 * xerial way, which decompression reads too.
 */
export function registerKafkajsCodecs(): void {
  CompressionCodecs[CompressionTypes.Snappy] = () => ({
    compress: async (encoder: { buffer: Buffer }) => snappy.compressSync(encoder.buffer),
    decompress: async (buffer: Buffer) => decompressSnappy(buffer),
  });
  CompressionCodecs[CompressionTypes.LZ4] = () => ({
    compress: async (encoder: { buffer: Buffer }) => lz4.compressSync(encoder.buffer),
    decompress: async (buffer: Buffer) => lz4.decompressSync(buffer),
  });
}

/** `\x82SNAPPY\0`, then a version and a compatible version (4 bytes each), then length-prefixed blocks. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

export function decompressSnappy(buffer: Buffer): Buffer {
  if (buffer.length < XERIAL_HEADER_BYTES || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return snappy.decompressSync(buffer);
  }
  const blocks: Buffer[] = [];
  let at = XERIAL_HEADER_BYTES;
  while (at + 4 <= buffer.length) {
    const length = buffer.readUInt32BE(at);
    at += 4;
    if (at + length > buffer.length) throw new Error('truncated xerial snappy block');
    blocks.push(snappy.decompressSync(buffer.subarray(at, at + length)));
    at += length;
  }
  return Buffer.concat(blocks);
}
