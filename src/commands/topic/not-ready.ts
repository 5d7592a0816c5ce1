// topic create and topic alter --partitions: new partitions whose leader did not answer.
import type { UnreadOffset } from '../../kafka/admin/offsets.js';

/**
 * One stderr line per leader that did not answer for the new partitions it leads (a broker just
 * stopped, which the controller has not fenced yet): they exist, and take records once it
 * answers or the cluster moves their leadership.
 */
export function notReadyNotes(unread: UnreadOffset[], unanswered: RegExp): string[] {
  const byBroker = new Map<string, string[]>();
  for (const u of unread) {
    const broker = unanswered.exec(u.error)?.[1];
    if (broker !== undefined) byBroker.set(broker, [...(byBroker.get(broker) ?? []), `${u.topic}-${u.partition}`]);
  }
  return [...byBroker].map(([broker, names]) => `broker ${broker} did not answer: ${names.join(', ')} may not take records yet`);
}
