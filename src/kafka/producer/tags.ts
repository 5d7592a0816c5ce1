// The caller's references (kfk produce: input line numbers) of the records in one batch, kept as
// a run first..last while they are contiguous, so a batch of a million lines costs two numbers.

/** Which tags (line numbers) a batch holds: a run first..last, or a list when not contiguous. */
export class Tags {
  first = -1;
  last = -1;
  list: number[] | null = null;
  add(tag: number): void {
    if (this.first < 0 && this.list === null) {
      this.first = this.last = tag;
    } else if (this.list === null && tag === this.last + 1) {
      this.last = tag;
    } else {
      if (this.list === null) {
        this.list = [];
        for (let t = this.first; t <= this.last; t++) this.list.push(t);
      }
      this.list.push(tag);
    }
  }
  values(limit: number): number[] {
    if (this.list) return this.list.slice(0, limit);
    const out: number[] = [];
    for (let t = this.first; t >= 0 && t <= this.last && out.length < limit; t++) out.push(t);
    return out;
  }
}
