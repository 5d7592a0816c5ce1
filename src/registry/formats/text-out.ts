// JSON text written into one reused buffer that grows as needed: what the record path's writers
// (Avro's, avro-fast.ts; Protobuf's, protobuf-text.ts) put their output in, byte by byte, with no
// string made for what is copied from the record.

/** A buffer twice as large as `buf` (at least `used + n`), holding its first `used` bytes. */
export function grown(buf: Buffer, used: number, n: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, used + n));
  buf.copy(bigger, 0, 0, used);
  return bigger;
}

export class TextOut {
  /** The output: `out[0, at)`. */
  out: Buffer = Buffer.allocUnsafe(16 * 1024);
  at = 0;

  protected room(n: number): void {
    if (this.at + n > this.out.length) this.out = grown(this.out, this.at, n);
  }

  protected put(b: Buffer): void {
    const n = b.length;
    this.room(n);
    const o = this.out;
    let at = this.at;
    for (let k = 0; k < n; k++) o[at++] = b[k];
    this.at = at;
  }

  protected putByte(c: number): void {
    this.room(1);
    this.out[this.at++] = c;
  }

  /** A string of ASCII characters only. */
  protected putAscii(s: string): void {
    const n = s.length;
    this.room(n);
    const o = this.out;
    let at = this.at;
    for (let k = 0; k < n; k++) o[at++] = s.charCodeAt(k);
    this.at = at;
  }

  protected putString(s: string): void {
    this.room(s.length * 3);
    this.at += this.out.write(s, this.at, 'utf8');
  }

  /** A safe integer's digits, as String() writes them. */
  protected putInteger(n: number): void {
    if (n < 0) {
      this.putByte(0x2d);
      n = -n;
    }
    if (n > 0xffffffff) {
      this.putAscii(String(n));
      return;
    }
    this.room(10);
    const o = this.out;
    if (n <= 0x7fffffff) {
      // 31 bits: integer division (n / 10) | 0, which the compiler makes a multiply.
      let x = n | 0;
      const digits = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : x < 1000000 ? 6 : x < 10000000 ? 7 : x < 100000000 ? 8 : x < 1000000000 ? 9 : 10;
      let at = this.at + digits;
      this.at = at;
      do {
        const q = (x / 10) | 0;
        o[--at] = 0x30 + x - q * 10;
        x = q;
      } while (x > 0);
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    let x = n;
    do {
      o[--at] = 0x30 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }
}
