// Compression of a RecordBatch's records section. Kafka's attribute codes: 0 none, 1 gzip,
// 2 snappy, 3 lz4, 4 zstd. Codec libraries are loaded on first use so that a command that
// never compresses never pays for them.
import { createRequire } from 'node:module';
import { gzipSync, gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

export const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CodecName = (typeof CODECS)[number];

export const CODEC_ID: Record<CodecName, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

export function codecName(id: number): CodecName {
  const name = CODECS[id];
  if (!name) throw new Error(`unknown compression codec id ${id}`);
  return name;
}

interface SnappyModule {
  compressSync(b: Buffer): Buffer;
  uncompressSync(b: Buffer, opts?: { asBuffer: true }): Buffer;
}
interface Lz4Module {
  compressSync(b: Buffer): Buffer;
  decompressFrameSync(b: Buffer): Buffer;
}
interface ZstdModule {
  compress(b: Buffer, level?: number): Promise<Buffer>;
  decompress(b: Buffer): Promise<Buffer>;
}

let snappyMod: SnappyModule | undefined;
let lz4Mod: Lz4Module | undefined;
let zstdMod: ZstdModule | undefined;
const snappy = (): SnappyModule => (snappyMod ??= require('snappy') as SnappyModule);
const lz4 = (): Lz4Module => (lz4Mod ??= require('lz4-napi') as Lz4Module);
const zstd = (): ZstdModule => (zstdMod ??= require('@mongodb-js/zstd') as ZstdModule);

// Kafka's Java client frames snappy the way xerial's SnappyOutputStream does: a magic header,
// then blocks each preceded by its compressed length. librdkafka sends raw snappy. Both are read.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_BLOCK = 32 * 1024;

function snappyCompressXerial(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(16);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  parts.push(header);
  for (let off = 0; off < data.length; off += XERIAL_BLOCK) {
    const block = snappy().compressSync(data.subarray(off, Math.min(off + XERIAL_BLOCK, data.length)));
    const len = Buffer.alloc(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

// LZ4 frames as Kafka's Java client writes them: 64 kB blocks, each compressed on its own, no
// checksums. The blocks come from the library's block compressor (lz4_flex); its frame encoder
// holds about 10 MB more for as long as the process runs. The block format's output is prefixed
// by the input's length (4 bytes), which a frame does not have.
const LZ4_FRAME_HEADER = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]); // magic, FLG, BD, header checksum
const LZ4_BLOCK = 64 * 1024;
const LZ4_UNCOMPRESSED = 0x80000000;

function lz4CompressFrame(data: Buffer): Buffer {
  const parts: Buffer[] = [LZ4_FRAME_HEADER];
  let total = LZ4_FRAME_HEADER.length + 4;
  for (let off = 0; off < data.length; off += LZ4_BLOCK) {
    const block = data.subarray(off, Math.min(off + LZ4_BLOCK, data.length));
    const packed = lz4().compressSync(block);
    const size = Buffer.allocUnsafe(4);
    // A block that does not shrink is stored as it is, as the frame format allows.
    const body = packed.length - 4 < block.length ? packed.subarray(4) : block;
    size.writeUInt32LE(body === block ? (block.length | LZ4_UNCOMPRESSED) >>> 0 : body.length, 0);
    parts.push(size, body);
    total += 4 + body.length;
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts, total);
}

function snappyDecompress(data: Buffer): Buffer {
  if (data.length >= 16 && data.subarray(0, 8).equals(XERIAL_MAGIC)) {
    const parts: Buffer[] = [];
    let off = 16;
    while (off + 4 <= data.length) {
      const len = data.readInt32BE(off);
      off += 4;
      parts.push(snappy().uncompressSync(data.subarray(off, off + len), { asBuffer: true }));
      off += len;
    }
    return Buffer.concat(parts);
  }
  return snappy().uncompressSync(data, { asBuffer: true });
}

export async function compress(codec: number, data: Buffer): Promise<Buffer> {
  switch (codec) {
    case 0:
      return data;
    case 1:
      return gzipSync(data, { level: 6 });
    case 2:
      return snappyCompressXerial(data);
    case 3:
      return lz4CompressFrame(data);
    case 4:
      return zstd().compress(data, 3);
    default:
      throw new Error(`unknown compression codec id ${codec}`);
  }
}

export async function decompress(codec: number, data: Buffer): Promise<Buffer> {
  switch (codec) {
    case 0:
      return data;
    case 1:
      return gunzipSync(data);
    case 2:
      return snappyDecompress(data);
    case 3:
      return lz4().decompressFrameSync(data);
    case 4:
      return zstd().decompress(data);
    default:
      throw new Error(`unknown compression codec id ${codec}`);
  }
}
