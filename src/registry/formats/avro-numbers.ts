// Numbers as Confluent's kafka-avro-console-consumer prints them: Avro's JsonEncoder hands a
// double (and a float, widened: `f + 0d`) to Jackson's writeNumber, which writes Java's
// Double.toString, and NaN and the infinities as strings (Jackson's QUOTE_NON_NUMERIC_NUMBERS,
// on by default): "NaN", "Infinity", "-Infinity".

/** A double as Java's Double.toString writes it (via Jackson): 2.0, 1.0E7, "NaN". */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (!Number.isFinite(n)) return n > 0 ? '"Infinity"' : '"-Infinity"';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const a = Math.abs(n);
  if (a >= 1e-3 && a < 1e7) {
    const t = String(n);
    return /[.e]/.test(t) ? t : `${t}.0`;
  }
  const [m, e] = n.toExponential().split('e');
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}
