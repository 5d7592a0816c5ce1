// Requests to a group's coordinator, as Kafka's admin client sends them: asked again while the
// coordinator is loading the group or has just moved, and, when it stops answering, sent again to
// the broker the group moves to, or named when the command's time bound ends first. Consumer
// groups (groups.ts), share and streams groups (share-groups.ts, streams-groups.ts: sendToCoordinator) and transactional ids' coordinators
// (transactions.ts) alike.
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import type { ProtocolRequest } from '../wire/kafkajs-types.js';
import type { ApiName } from '../protocol/request.js';
import { offers } from '../protocol/versions.js';
import { isConnectionError } from '../wire/failures.js';
import { DeadlineError } from '../wire/deadline.js';
import { brokerAnswers } from '../wire/metadata.js';
import { CoordinatorMoved, unlessCoordinatorMoves } from '../wire/coordinator.js';

/** The coordinator is loading or moved: ask again. */
export const COORDINATOR_BUSY = new Set([14, 15, 16]);

/**
 * A coordinator that does not answer (its broker died a moment ago, and the group moves to
 * another once the cluster notices), or answers that it is still loading the group or is not
 * its coordinator (a broker that has just started), is asked again, with fresh metadata, for up
 * to the command's timeout, as Kafka's admin client retries these.
 */
export async function coordinatorRetried<T>(client: KafkaClient, group: string, step: () => Promise<T>, kind: 'group' | 'transaction' = 'group'): Promise<T> {
  const started = Date.now();
  const deadline = started + client.options.requestTimeout;
  const cluster = await client.cluster();
  // The coordinator FindCoordinator names while a step waits: a step sent to one that stopped
  // answering is sent again to the broker the group moved to (the controller fences a stopped
  // broker within seconds), and one that outlasts the time bound names the broker it waited for.
  let named: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (named === null) return;
      // Marked: its requests in flight are dropped at the exit, not waited for.
      brokerAnswers(cluster, named, false);
      const of = kind === 'group' ? `group '${group}'` : `transactional id '${group}'`;
      reject(new DeadlineError(`broker ${named}, the coordinator of ${of}, did not answer within ${Date.now() - started} ms`));
    }, Math.max(0, client.options.requestTimeout - 250));
  });
  const attempts = (async () => {
    for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await unlessCoordinatorMoves(cluster, group, null, step(), { named: (id) => (named = id), coordinatorType: kind === 'group' ? 0 : 1 });
      } catch (err) {
        if (err instanceof CoordinatorMoved && Date.now() < deadline) {
          brokerAnswers(cluster, err.from, false);
          continue;
        }
        if (!(isConnectionError(err) || coordinatorBusy(err)) || Date.now() + wait >= deadline) throw err;
        await new Promise((r) => setTimeout(r, wait));
        await cluster.refreshMetadata().catch(() => undefined);
      }
    }
  })();
  try {
    return await Promise.race([attempts, bound]);
  } finally {
    clearTimeout(timer);
    attempts.catch(() => undefined);
  }
}

/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE or NOT_COORDINATOR, thrown by kafkajs or brokerError. */
function coordinatorBusy(err: unknown): boolean {
  const e = err as { errorCode?: number; code?: number };
  const code = e.errorCode ?? e.code;
  return code !== undefined && COORDINATOR_BUSY.has(code);
}

/** `send` again (up to 5 times, backing off) while its answer says the coordinator is busy. */
export async function sendRetrying<T>(send: () => Promise<T>, busy: (answer: T) => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    if (!busy(answer) || attempt >= 5) return answer;
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

/** A group's coordinator: its broker and where it is. */
export interface GroupCoordinator {
  broker: KafkajsBroker;
  info: { id: number; host: string; port: number };
}

/** The kind of group a request is for: the API its coordinator must offer, and the error where it does not. */
export interface GroupKind {
  api: ApiName;
  unsupported: () => Error;
}

async function coordinatorOf(client: KafkaClient, group: string, kind: GroupKind): Promise<GroupCoordinator> {
  const cluster = await client.cluster();
  const meta = (await cluster.findGroupCoordinatorMetadata({ groupId: group })) as { coordinator: { nodeId: number; host: string; port: number } };
  const info = { id: meta.coordinator.nodeId, host: meta.coordinator.host, port: meta.coordinator.port };
  const broker = await cluster.findBroker({ nodeId: info.id });
  if (!offers(broker, kind.api)) throw kind.unsupported();
  return { broker, info };
}

/**
 * Sends to the group's coordinator (the request made for it: its versions), again while the
 * answer says it is loading or moved (`busy`); to the broker the group moves to when it stops
 * answering (coordinatorRetried). `at` is told the coordinator each try goes to.
 */
export async function sendToCoordinator<T>(
  client: KafkaClient,
  group: string,
  kind: GroupKind,
  req: ProtocolRequest | ((coordinator: KafkajsBroker) => ProtocolRequest),
  busy: (r: T) => boolean,
  at?: (c: GroupCoordinator) => void,
): Promise<T> {
  return coordinatorRetried(client, group, () =>
    sendRetrying(async () => {
      const c = await coordinatorOf(client, group, kind);
      at?.(c);
      const request = typeof req === 'function' ? req(c.broker) : req;
      return (await c.broker.connectionPool.send({ ...request, requestTimeout: client.options.requestTimeout })) as T;
    }, busy),
  );
}
