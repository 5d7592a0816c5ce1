import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time for --from/--to: `now`, epoch milliseconds, ISO 8601, or relative to now
 * like `-15m`, `-2h`, `-1d`, `-30s` (also `+5m`).
 */
export function parseTime(text: string, flag: string, now = Date.now()): number {
  const t = text.trim();
  if (t === 'now') return now;
  const rel = /^([+-])(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(t);
  if (rel) return Math.round(now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * UNITS[rel[3]]);
  if (/^\d{10,}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(`invalid ${flag} '${text}': expected ISO 8601 (2024-05-01T12:00:00Z), epoch ms, or relative like -15m`);
}
