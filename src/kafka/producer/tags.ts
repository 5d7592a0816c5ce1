// The caller's references (kfk produce: input line numbers) of the records in one batch, kept as
// a run first..last while they are contiguous, so a batch of a million lines costs two numbers.
// Keyed records spread over partitions are not contiguous: then the numbers go into a typed
// array that doubles as it fills (8 bytes a record, no object per record, not on the JS heap).

/** Which tags (line numbers) a batch holds: a run first..last, or a list when not contiguous. */
export class Tags {
  first = -1;
  last = -1;
  list: Float64Array | null = null;
  private size = 0;
  add(tag: number): void {
    if (this.list === null) {
      if (this.first < 0) {
        this.first = this.last = tag;
        return;
      }
      if (tag === this.last + 1) {
        this.last = tag;
        return;
      }
      const run = this.last - this.first + 1;
      this.list = new Float64Array(Math.max(64, run * 2));
      for (let t = this.first; t <= this.last; t++) this.list[this.size++] = t;
    }
    if (this.size === this.list.length) {
      const grown = new Float64Array(this.size * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.size++] = tag;
  }
  values(limit: number): number[] {
    const out: number[] = [];
    if (this.list) {
      for (let i = 0; i < this.size && out.length < limit; i++) out.push(this.list[i]);
      return out;
    }
    for (let t = this.first; t >= 0 && t <= this.last && out.length < limit; t++) out.push(t);
    return out;
  }
}
