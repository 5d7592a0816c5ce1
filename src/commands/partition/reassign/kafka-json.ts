// How Kafka's tools read a JSON file (org.apache.kafka.server.util.Json and its DecodeJson), so
// that a bad reassignment file fails with the tool's words: Jackson's readTree takes the first
// JSON value and ignores what follows it, and words a syntax error with its line and column (the
// texts and places below were checked against Kafka 4.4's tool); the fields are checked by type,
// with Kafka's messages.
import { KfkError } from '../../../errors.js';

const LOCATION = 'Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)';
const VALUE_KINDS = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** A parsed JSON value, or undefined for no value at all (Jackson's MissingNode). */
export type Json = unknown;

/** Jackson's whitespace between tokens. */
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
// Character.isJavaIdentifierStart / isJavaIdentifierPart, on one UTF-16 unit as Java's char.
const IDENT_START = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]$/u;
const IDENT_LETTERS = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}]$/u;
/** isJavaIdentifierPart: also the control characters Java calls ignorable. */
function isIdentPart(c: string): boolean {
  const code = c.charCodeAt(0);
  return code <= 0x08 || (code >= 0x0e && code <= 0x1b) || (code >= 0x7f && code <= 0x9f) || IDENT_LETTERS.test(c);
}
/** Jackson's longest quoted token in an `Unrecognized token` message. */
const MAX_TOKEN = 256;
/** Jackson's deepest nesting of objects and arrays. */
const MAX_DEPTH = 1000;

/** ParserMinimalBase#_getCharDesc: how Jackson names a character in its messages. */
function charDesc(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`;
  // A lone surrogate prints as '?' through Java's UTF-8 stdout.
  const shown = code >= 0xd800 && code <= 0xdfff ? '?' : c;
  return code > 255 ? `'${shown}' (code ${code} / 0x${code.toString(16)})` : `'${shown}' (code ${code})`;
}

/** Walks the first JSON value of a text as Jackson's ReaderBasedJsonParser does, to its first error. */
class JacksonScan {
  private readonly stack: Array<{ close: '}' | ']'; at: number }> = [];
  constructor(private readonly text: string) {}

  /** `[Source: ...; line: L, column: C]` of an offset: lines end at \n, \r or \r\n. */
  where(offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      const c = this.text[i];
      if (c === '\n' || c === '\r') {
        if (c === '\r' && this.text[i + 1] === '\n' && i + 1 < offset) i++;
        line++;
        lineStart = i + 1;
      }
    }
    return `[${LOCATION}; line: ${line}, column: ${offset - lineStart + 1}]`;
  }

  fail(message: string, offset: number): never {
    throw new KfkError(`${message}\n at ${this.where(offset)}`);
  }

  unexpected(i: number, comment: string): never {
    this.fail(`Unexpected character (${charDesc(this.text[i])}): ${comment}`, i);
  }

  eof(message: string): never {
    this.fail(`Unexpected end-of-input${message}`, this.text.length);
  }

  /** The next non-space offset from i (text.length at the end); Jackson's errors for other characters between tokens. */
  skipSpace(i: number): number {
    const t = this.text;
    for (; i < t.length; i++) {
      const c = t[i];
      if (isSpace(c)) continue;
      if (c === '/') this.fail(`Unexpected character (${charDesc(c)}): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)`, i);
      if (c < ' ') this.fail(`Illegal character (${charDesc(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`, i + 1);
      return i;
    }
    return i;
  }

  /** Skips whitespace inside an object or array, where the end of the text is an error. */
  skipInside(i: number): number {
    const j = this.skipSpace(i);
    if (j >= this.text.length) this.eof(` within/between ${this.stack[this.stack.length - 1].close === '}' ? 'Object' : 'Array'} entries`);
    return j;
  }

  /** Unrecognized token: the identifier characters from `start`, as Jackson quotes them. */
  badToken(start: number): never {
    let end = start + 1;
    while (end < this.text.length && end - start < MAX_TOKEN && isIdentPart(this.text[end])) end++;
    const more = end - start >= MAX_TOKEN ? '...' : '';
    this.fail(`Unrecognized token '${this.text.slice(start, end)}${more}': was expecting ${VALUE_KINDS}`, start);
  }

  /** A literal (true, false, null, NaN, Infinity) at i; the offset after it. */
  literal(i: number, word: string): number {
    const t = this.text;
    for (let k = 0; k < word.length; k++) if (t[i + k] !== word[k]) this.badToken(i);
    const end = i + word.length;
    if (end < t.length && isIdentPart(t[end])) this.badToken(i);
    return end;
  }

  /** A string's body from i (after its quote); the offset after its closing quote. */
  string(i: number, inName: boolean): number {
    const t = this.text;
    for (; i < t.length; i++) {
      const c = t[i];
      if (c === '"') return i + 1;
      if (c === '\\') {
        i++;
        if (i >= t.length) this.eof(' in character escape sequence');
        const e = t[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= t.length) this.eof(' in character escape sequence');
            if (!/[0-9a-fA-F]/.test(t[i])) this.unexpected(i, 'expected a hex-digit for character escape sequence');
          }
        } else if (!'"\\/bfnrt'.includes(e)) this.fail(`Unrecognized character escape ${charDesc(e)}`, i);
      } else if (c < ' ') {
        this.fail(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in ${inName ? 'name' : 'string value'}`, i);
      }
    }
    return this.eof(inName ? ' in field name' : ': was expecting closing quote for a string value');
  }

  /**
   * A number at i; the offset after it. A fraction or exponent that breaks off is placed where
   * Jackson places it: at the character when the number starts with 0 (its slow path), else at
   * the `.` or `e` that ends the integer part (where its fast path gives up).
   */
  number(i: number): number {
    const t = this.text;
    const digit = (k: number) => t[k] >= '0' && t[k] <= '9';
    if (t[i] === '-') {
      i++;
      if (i >= t.length) this.eof('No digit following sign');
      if (!digit(i)) this.fail(`Unexpected character (${charDesc(t[i])}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`, i);
    }
    const slow = t[i] === '0';
    if (slow && digit(i + 1)) this.fail('Invalid numeric value: Leading zeroes not allowed', i + 1);
    while (digit(i)) i++;
    const mark = i;
    const broken = (k: number, what: string): never => this.fail(`Unexpected character (${charDesc(t[k])}) in numeric value: ${what} not followed by a digit`, slow ? k : mark);
    if (t[i] === '.') {
      i++;
      if (i >= t.length) this.fail(`Unexpected character (${charDesc('.')}) in numeric value: Decimal point not followed by a digit`, i - 1);
      if (!digit(i)) broken(i, 'Decimal point');
      while (digit(i)) i++;
    }
    if (t[i] === 'e' || t[i] === 'E') {
      i++;
      if (t[i] === '+' || t[i] === '-') i++;
      if (i >= t.length) this.eof('expected a digit for number exponent');
      if (!digit(i)) broken(i, 'Exponent indicator');
      while (digit(i)) i++;
    }
    return i;
  }

  /**
   * A value starting at i (not a space); the offset after it, or after the `{`/`[` it opens.
   * `member`: an object's value, where Jackson words a `}` as any other odd character.
   */
  value(i: number, member = false): number {
    const t = this.text;
    const c = t[i];
    if (c === '}' && !member) this.unexpected(i, 'expected a value');
    if (c === '{' || c === '[') {
      // StreamReadConstraints: not a parse error, so the tool prints it without a location.
      if (this.stack.length >= MAX_DEPTH) throw new KfkError(`Document nesting depth (${MAX_DEPTH + 1}) exceeds the maximum allowed (${MAX_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`);
      this.stack.push({ close: c === '{' ? '}' : ']', at: i });
      return i + 1;
    }
    if (c === '"') return this.string(i + 1, false);
    if (c === 't') return this.literal(i, 'true');
    if (c === 'f') return this.literal(i, 'false');
    if (c === 'n') return this.literal(i, 'null');
    if (c === 'N' || c === 'I' || (c === '-' && t[i + 1] === 'I')) {
      const word = c === 'N' ? 'NaN' : c === 'I' ? 'Infinity' : '-Infinity';
      const end = this.literal(i, word);
      this.fail(`Non-standard token '${word}': enable \`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS\` to allow`, end);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(i);
    if (c === '+') {
      if (i + 1 >= t.length) this.eof(' in a Number value');
      this.fail(`Unexpected character (${charDesc(c)}) in numeric value: JSON spec does not allow numbers to have plus signs: enable \`JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS\` to allow`, i + 1);
    }
    if (IDENT_START.test(c)) this.badToken(i);
    return this.unexpected(i, `expected a valid value ${VALUE_KINDS}`);
  }

  /** The first value of the text, undefined for none (only whitespace). */
  root(): Json {
    const t = this.text;
    const start = this.skipSpace(0);
    if (start >= t.length) return undefined;
    const c = t[start];
    if (c === '}' || c === ']') this.fail(`Unexpected close marker '${c}': no open ${c === '}' ? 'Object' : 'Array'} to close`, start);
    let end: number;
    if (c === '{' || c === '[') end = this.container(start);
    else {
      end = this.value(start);
      // A number at the root must be followed by whitespace or the end.
      if ((c === '-' || (c >= '0' && c <= '9')) && end < t.length && !isSpace(t[end])) this.unexpected(end, 'Expected space separating root-level values');
    }
    return JSON.parse(t.slice(start, end)) as Json;
  }

  /** The offset after the object or array opened at `start`: Jackson's nextToken, token by token. */
  container(start: number): number {
    const t = this.text;
    let i = this.value(start);
    let expectComma = false;
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      const kind = top.close === '}' ? 'Object' : 'Array';
      i = this.skipSpace(i);
      if (i >= t.length) this.eof(`: expected close marker for ${kind} (start marker at ${this.where(top.at)})`);
      const c = t[i];
      if (c === '}' || c === ']') {
        if (c !== top.close) this.fail(`Unexpected close marker '${c}': expected '${top.close}' (for ${kind} starting at ${this.where(top.at)})`, i);
        this.stack.pop();
        i++;
        expectComma = true;
        continue;
      }
      if (expectComma) {
        if (c !== ',') this.unexpected(i, `was expecting comma to separate ${kind} entries`);
        i = this.skipInside(i + 1);
      }
      if (kind === 'Object') {
        if (t[i] !== '"') this.unexpected(i, 'was expecting double-quote to start field name');
        i = this.skipInside(this.string(i + 1, true));
        if (t[i] !== ':') this.unexpected(i, 'was expecting a colon to separate field name and value');
        i = this.skipInside(i + 1);
      }
      const depth = this.stack.length;
      i = this.value(i, kind === 'Object');
      expectComma = this.stack.length === depth;
    }
    return i;
  }
}

/**
 * Json.tryParseFull: the first value of the text (what follows it is not read), or Jackson's
 * message for its first syntax error, as ReaderBasedJsonParser words and places it.
 */
export function parseKafkaJson(text: string): Json {
  if (text === '') throw new KfkError("The input string shouldn't be empty\n at [Source: UNKNOWN; byte offset: #UNKNOWN]");
  return new JacksonScan(text).root();
}

/** Jackson's JsonNode#toString: compact JSON, nothing for a missing value. */
const nodeText = (v: Json) => (v === undefined ? '' : JSON.stringify(v));
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JsonValue#asJsonObject. */
export function asObject(v: Json): Record<string, Json> {
  if (!isObject(v)) throw new KfkError(`Expected JSON object, received ${nodeText(v)}`);
  return v;
}

/** JsonValue#asJsonArray. */
export function asArray(v: Json): Json[] {
  if (!Array.isArray(v)) throw new KfkError(`Expected JSON array, received ${nodeText(v)}`);
  return v;
}

/** JsonObject#apply: a field that must be there. */
export function field(o: Record<string, Json>, name: string): Json {
  if (!Object.hasOwn(o, name)) throw new KfkError(`No such field exists: \`${name}\``);
  return o[name];
}

const mismatch = (type: string, v: Json) => new KfkError(`Expected \`${type}\` value, received ${nodeText(v)}`);

/** DecodeJson.DecodeInteger: a 32-bit int. */
export function toInt(v: Json): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
  throw mismatch('Integer', v);
}

/** DecodeJson.DecodeString. */
export function toStr(v: Json): string {
  if (typeof v === 'string') return v;
  throw mismatch('String', v);
}

/** DecodeJson.decodeList. */
export function toList<T>(v: Json, each: (x: Json) => T): T[] {
  if (!Array.isArray(v)) throw mismatch('JSON array', v);
  return v.map(each);
}
