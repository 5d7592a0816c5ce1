import { UsageError } from '../errors.js';

/** kafka-topics' --topic: a name or a Java-style regular expression matched against the whole name. */
export function topicMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new UsageError(`invalid --topic regular expression '${pattern}'`);
  }
  return (name) => name === pattern || re.test(name);
}
