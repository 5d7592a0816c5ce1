// Whether JSON bytes are what JSON.stringify(JSON.parse(text)) would give, as they stand or once
// the whitespace between tokens is dropped: then a JSON Schema value prints from the fetch
// response (copied, or copied without that whitespace), with no parse, object or string per
// record. The check is conservative: whatever it is not sure of (\u escapes, numbers JavaScript
// would print otherwise, keys JavaScript would reorder or merge, invalid UTF-8) is left to the
// parse, which gives the same output as before for every input.

/** Not for the copy: the parse writes it otherwise. */
export const JSON_REWRITE = 0;
/** The bytes as they stand are the output. */
export const JSON_AS_IS = 1;
/** The bytes less the whitespace between tokens are the output (compactJson). */
export const JSON_COMPACT = 2;

const MAX_DEPTH = 64;
/** Keys of one object compared pairwise for duplicates; an object with more takes the parse. */
const MAX_KEYS = 32;

// Per depth, where that object's keys start in the key stack; the key stack holds [start, end) pairs.
const keyBase = new Int32Array(MAX_DEPTH + 1);
const keys = new Int32Array(2 * MAX_KEYS * (MAX_DEPTH + 1));
// Per depth: 1 in an object, 2 in an array.
const kind = new Uint8Array(MAX_DEPTH + 1);

/** The end of the string that starts (after its quote) at `i`, past the closing quote, or -1. */
function stringEnd(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      if (i + 1 >= end) return -1;
      const e = b[i + 1];
      // The escapes JSON.stringify writes itself: \" \\ \b \f \n \r \t (\u and \/ take the parse).
      if (e === 0x22 || e === 0x5c || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      return -1;
    }
    if (c < 0x20) return -1;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Well-formed UTF-8 only (what Buffer#toString and Buffer.from give back unchanged).
    if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= end || (b[i + 1] & 0xc0) !== 0x80) return -1;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (i + 2 >= end) return -1;
      const c1 = b[i + 1];
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return -1;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return -1;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (i + 3 >= end) return -1;
      const c1 = b[i + 1];
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return -1;
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return -1;
      i += 4;
    } else return -1;
  }
  return -1;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The end of a number at `i`, or -1 when JavaScript would print it otherwise: an integer of up
 * to 15 digits (not -0), or a decimal of up to 15 digits in all whose fraction does not end in 0
 * and, below 1, has at most 5 zeros after the point (below 1e-6 JavaScript writes an exponent).
 * A decimal of up to 15 significant digits is the shortest that reads back as its double, so
 * it is what Number#toString prints.
 */
function numberEnd(b: Buffer, i: number, end: number): number {
  const negative = b[i] === 0x2d;
  if (negative) i++;
  const intStart = i;
  if (i >= end || !isDigit(b[i])) return -1;
  if (b[i] === 0x30) {
    i++;
    if (i < end && isDigit(b[i])) return -1;
  } else while (i < end && isDigit(b[i])) i++;
  let digits = i - intStart;
  if (i < end && b[i] === 0x2e) {
    i++;
    const fracStart = i;
    while (i < end && isDigit(b[i])) i++;
    if (i === fracStart || b[i - 1] === 0x30) return -1;
    digits += i - fracStart;
    if (b[intStart] === 0x30) {
      let zeros = 0;
      while (b[fracStart + zeros] === 0x30) zeros++;
      if (zeros > 5) return -1;
    }
  } else if (negative && digits === 1 && b[intStart] === 0x30) {
    return -1; // -0 prints as 0
  }
  if (digits > 15) return -1;
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) return -1;
  return i;
}

/** A key JavaScript orders before the others in an object: an array index ("0", "17", ...). */
function isIndexKey(b: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (n === 0 || n > 10) return false;
  if (b[start] === 0x30) return n === 1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (!isDigit(c)) return false;
    v = v * 10 + (c - 0x30);
  }
  return v < 4294967295;
}

function sameBytes(b: Buffer, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (b[s1 + i] !== b[s2 + i]) return false;
  return true;
}

/** Whitespace between tokens was skipped in this check. */
let spaced = false;

/** Skips JSON whitespace (space, tab, LF, CR) at i. */
function ws(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    spaced = true;
    i++;
  }
  return i;
}

/** True when `b[start, end)` is exactly JSON.stringify(JSON.parse(b.toString('utf8', start, end))). */
export function isCanonicalJson(b: Buffer, start: number, end: number): boolean {
  return jsonTextKind(b, start, end) === JSON_AS_IS;
}

/**
 * How `b[start, end)` relates to JSON.stringify(JSON.parse(its text)): JSON_AS_IS (the same
 * bytes), JSON_COMPACT (the same less the whitespace between tokens), or JSON_REWRITE.
 */
export function jsonTextKind(b: Buffer, start: number, end: number): number {
  spaced = false;
  return scan(b, start, end) ? (spaced ? JSON_COMPACT : JSON_AS_IS) : JSON_REWRITE;
}

/** Writes `b[start, end)` less the whitespace outside strings to `out` at `at`; returns the end. */
export function compactJson(b: Buffer, start: number, end: number, out: Buffer, at: number): number {
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (inString) {
      out[at++] = c;
      if (c === 0x5c) out[at++] = b[++i];
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x22) inString = true;
    out[at++] = c;
  }
  return at;
}

function scan(b: Buffer, start: number, end: number): boolean {
  let i = start;
  let depth = 0;
  let keyTop = 0;
  kind[0] = 0;
  // Expecting a value (after ':' or ',' in an array, at the start), else a ',' or a close.
  for (;;) {
    // A value at i.
    i = ws(b, i, end);
    if (i >= end) return false;
    const c = b[i];
    if (c === 0x22) {
      i = stringEnd(b, i + 1, end);
      if (i < 0) return false;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === MAX_DEPTH) return false;
      depth++;
      i = ws(b, i + 1, end);
      if (c === 0x5b) {
        kind[depth] = 2;
        if (i < end && b[i] === 0x5d) {
          i++;
          depth--;
        } else continue;
      } else {
        kind[depth] = 1;
        keyBase[depth] = keyTop;
        if (i < end && b[i] === 0x7d) {
          i++;
          depth--;
        } else {
          // The first key.
          i = objectKey(b, i, end, depth, keyTop);
          if (i < 0) return false;
          keyTop += 2;
          continue;
        }
      }
    } else if (c === 0x74) {
      if (i + 4 > end || b[i + 1] !== 0x72 || b[i + 2] !== 0x75 || b[i + 3] !== 0x65) return false;
      i += 4;
    } else if (c === 0x66) {
      if (i + 5 > end || b[i + 1] !== 0x61 || b[i + 2] !== 0x6c || b[i + 3] !== 0x73 || b[i + 4] !== 0x65) return false;
      i += 5;
    } else if (c === 0x6e) {
      if (i + 4 > end || b[i + 1] !== 0x75 || b[i + 2] !== 0x6c || b[i + 3] !== 0x6c) return false;
      i += 4;
    } else {
      i = numberEnd(b, i, end);
      if (i < 0) return false;
    }
    // After a value: close containers, or a ',' and the next value (or key).
    for (;;) {
      i = ws(b, i, end);
      if (depth === 0) return i === end;
      if (i >= end) return false;
      const d = b[i];
      if (kind[depth] === 2) {
        if (d === 0x5d) {
          i++;
          depth--;
          continue;
        }
        if (d !== 0x2c) return false;
        i++;
        break;
      }
      if (d === 0x7d) {
        keyTop = keyBase[depth];
        i++;
        depth--;
        continue;
      }
      if (d !== 0x2c) return false;
      if (keyTop - keyBase[depth] >= 2 * MAX_KEYS) return false;
      i = objectKey(b, i + 1, end, depth, keyTop);
      if (i < 0) return false;
      keyTop += 2;
      break;
    }
  }
}

/**
 * Reads `"key":` at i in the object at `depth`, records it at keys[top], and returns where its
 * value starts, or -1 (not a key, an index key, or a key the object has already).
 */
function objectKey(b: Buffer, i: number, end: number, depth: number, top: number): number {
  i = ws(b, i, end);
  if (i >= end || b[i] !== 0x22) return -1;
  const ks = i + 1;
  const close = stringEnd(b, ks, end);
  if (close < 0) return -1;
  const ke = close - 1;
  const after = ws(b, close, end);
  if (after >= end || b[after] !== 0x3a) return -1;
  if (isIndexKey(b, ks, ke)) return -1;
  for (let k = keyBase[depth]; k < top; k += 2) if (sameBytes(b, keys[k], keys[k + 1], ks, ke)) return -1;
  keys[top] = ks;
  keys[top + 1] = ke;
  return after + 1;
}
