// Named topics that match no topic on the cluster: Kafka's wording, and the names themselves for
// the drop-ins, which word it as the cluster's version of kafka-topics does.
import { KfkError } from '../../errors.js';

/** Kafka's wording for a missing topic, for one or several. */
export function missingTopicsMessage(missing: string[]): string {
  return missing.length === 1 ? `Topic '${missing[0]}' does not exist as expected` : `Topics ${missing.map((m) => `'${m}'`).join(', ')} do not exist as expected`;
}

/** Named topics (or patterns) that match no topic; `topics` keeps them for the drop-ins' wording. */
export class MissingTopicsError extends KfkError {
  readonly topics: string[];
  constructor(topics: string[]) {
    super(missingTopicsMessage(topics));
    this.topics = topics;
  }
}
