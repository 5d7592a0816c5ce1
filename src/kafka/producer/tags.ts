// The caller's references (kfk produce: input line numbers) of the records in one batch, kept as
// a run first..last while they are contiguous, so a batch of a million lines costs two numbers.
// Keyed records spread over partitions are not contiguous: then the numbers go into a typed
// array that doubles as it fills (8 bytes a record, no object per record, not on the JS heap).

// The lists of acknowledged batches are kept for the next batches (up to SPARE_BYTES): keyed
// produce makes one list per batch, some hundreds of kilobytes a second, and a typed array left
// to the collector is freed only when a collection comes, late.
const SPARE_BYTES = 4 << 20;
const spare: Float64Array[] = [];
let spareBytes = 0;

/** A list of at least `min` entries: a spare one when there is one large enough. */
function takeList(min: number): Float64Array {
  const last = spare.length - 1;
  if (last >= 0 && spare[last].length >= min) {
    const list = spare.pop()!;
    spareBytes -= list.byteLength;
    return list;
  }
  return new Float64Array(min);
}

function keepList(list: Float64Array): void {
  if (spareBytes + list.byteLength > SPARE_BYTES) return;
  spare.push(list);
  spareBytes += list.byteLength;
}

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
      this.list = takeList(Math.max(64, run * 2));
      for (let t = this.first; t <= this.last; t++) this.list[this.size++] = t;
    }
    if (this.size === this.list.length) {
      // The outgrown list is not kept: the spares are lists that held a whole batch, so that a
      // batch that takes one seldom grows.
      const grown = takeList(this.size * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.size++] = tag;
  }
  /** Gives its list back for the tags of later batches: these tags are not read again. */
  release(): void {
    if (this.list) keepList(this.list);
    this.list = null;
    this.first = this.last = -1;
    this.size = 0;
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
