import { UsageError } from '../errors.js';

/**
 * --topic for create, describe, delete (and list, alter): a comma-separated list of names or
 * Java-style regular expressions matched against the whole name. Commas inside {} belong to a
 * regex quantifier (`t{1,3}`) and do not split.
 */
export function splitTopicList(arg: string): string[] {
  return splitOutside(arg, '{', '}');
}

/** Splits at commas that are not inside `open`...`close` (a regex `{1,3}`, a config `[a,b]`). */
export function splitOutside(text: string, open: string, close: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === open) depth++;
    else if (ch === close) depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

function one(pattern: string): (name: string) => boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new UsageError(`invalid --topic regular expression '${pattern}'`);
  }
  return (name) => name === pattern || re.test(name);
}

/** A name matches when any pattern of the list matches it. */
export function topicMatcher(arg: string | undefined): (name: string) => boolean {
  if (arg === undefined) return () => true;
  const each = splitTopicList(arg).map(one);
  return (name) => each.some((m) => m(name));
}

/** The patterns of the list that match none of `names`. */
export function unmatchedPatterns(arg: string, names: string[]): string[] {
  return splitTopicList(arg).filter((p) => {
    const m = one(p);
    return !names.some(m);
  });
}
