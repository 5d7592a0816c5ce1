// CRC-32C over a record batch, from @node-rs/crc32 (native), loaded on first use.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let impl: ((b: Buffer, initial?: number) => number) | undefined;

export function crc32c(buf: Buffer): number {
  impl ??= (require('@node-rs/crc32') as { crc32c: (b: Buffer, initial?: number) => number }).crc32c;
  return impl(buf) >>> 0;
}
