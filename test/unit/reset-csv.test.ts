// The reset plan CSV as Kafka's group tools write it (Jackson's default quoting) and read it.
import { describe, expect, it } from 'vitest';
import { csvCell, csvCells } from '../../src/format/reset-csv.js';

describe('reset plan CSV', () => {
  it('quotes what Kafka quotes: longer than 24 characters, or a character below "-"', () => {
    expect(csvCell('orders')).toBe('orders');
    expect(csvCell('a-group_with.dots-and-24')).toBe('a-group_with.dots-and-24');
    expect(csvCell('cgc-several-a-mx6p9tsr-c444d1')).toBe('"cgc-several-a-mx6p9tsr-c444d1"');
    expect(csvCell('a b')).toBe('"a b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('')).toBe('');
  });

  it('reads back what it writes', () => {
    for (const v of ['orders', 'cgc-several-a-mx6p9tsr-c444d1', 'a,b', 'say "hi"']) expect(csvCells(`${csvCell(v)},${csvCell('t')},0,5`)).toEqual([v, 't', '0', '5']);
    expect(csvCells(' t , 1 , 2 ')).toEqual(['t', '1', '2']);
  });
});
