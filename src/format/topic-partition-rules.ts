// kafka-get-offsets' (GetOffsetShell's) ways of naming partitions: its --topic regular expression
// (TopicFilter.IncludeList) and its --topic-partitions list of `topic-regex:partitions` rules,
// each matched as the tool matches it.

/** One rule of a --topic-partitions list: topics matching `topic` (null: any), partitions in [from, to). */
export interface TopicPartitionRule {
  topic: string | null;
  from: number;
  to: number;
}

/** The rule syntax: an optional topic regex, then `:N`, `:N-`, `:-N`, `:N-M` or nothing. */
const RULE = /^([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?$/;
const INT_MAX = 2147483647;

/** TopicFilter.IncludeList's regular expression: trimmed, commas as alternatives, no spaces, outer quotes off. */
export function includeListRegex(raw: string): string {
  return raw.trim().replaceAll(',', '|').replaceAll(' ', '').replace(/^["']+/, '').replace(/["']+$/, '');
}

/** Whether `name` matches the whole of a Java-style regular expression (a bad one throws). */
export function topicRegexMatcher(regex: string): (name: string) => boolean {
  const re = new RegExp(`^(?:${regex})$`);
  return (name) => re.test(name);
}

/** Integer.parseInt of digits: the number, or the text of the Java error for one out of range. */
function javaInt(digits: string): number {
  const n = Number(digits);
  if (n > INT_MAX) throw new RangeError(`For input string: "${digits}"`);
  return n;
}

/**
 * A --topic-partitions list as GetOffsetShell reads it (split at commas, empty rules at the end
 * dropped, as Java's String.split does). Throws `{ badRule }` for a rule the syntax does not
 * take, a RangeError for a partition past Integer.MAX_VALUE.
 */
export function parseTopicPartitionRules(list: string): TopicPartitionRule[] {
  const specs = list.split(',');
  while (specs.length > 0 && specs.at(-1) === '') specs.pop();
  return specs.map((spec) => {
    const m = RULE.exec(spec);
    if (!m) throw Object.assign(new Error(`Invalid rule specification: ${spec}`), { badRule: spec });
    const group = (g: number) => (m[g] !== undefined && m[g] !== '' ? m[g] : null);
    const topic = group(1);
    if (group(2) !== null) {
      const p = javaInt(group(2)!);
      return { topic, from: p, to: p + 1 };
    }
    return { topic, from: group(3) === null ? 0 : javaInt(group(3)!), to: group(4) === null ? INT_MAX : javaInt(group(4)!) };
  });
}

/** The rules as predicates: a topic any rule takes, a partition a rule for its topic takes. */
export function ruleMatchers(rules: TopicPartitionRule[]): { topic: (name: string) => boolean; partition: (name: string, partition: number) => boolean } {
  const compiled = rules.map((r) => ({ ...r, matches: r.topic === null ? () => true : topicRegexMatcher(includeListRegex(r.topic)) }));
  return {
    topic: (name) => compiled.some((r) => r.matches(name)),
    partition: (name, p) => compiled.some((r) => r.matches(name) && p >= r.from && p < r.to),
  };
}
