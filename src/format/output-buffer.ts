// Collects small writes into large ones for stdout and waits when the pipe is full, so a fast
// consumer neither floods memory nor makes one write call per record.
import type { IO } from '../io.js';

export class OutputBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly io: IO,
    private readonly limit = 256 * 1024,
  ) {}

  push(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.io.out(chunk);
  }
}
