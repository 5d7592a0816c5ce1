// The producer's calls to its transaction coordinator (or, idempotent only, the controller):
// InitProducerId, AddPartitionsToTxn before a partition's first batch, EndTxn. Coordinator calls
// answer "loading" or "concurrent transactions" for a while after a change; those are retried.
// A coordinator that answers NOT_COORDINATOR, or stops answering (the cluster then moves the id to
// another broker, which FindCoordinator, asked each second meanwhile, names), is looked up again,
// as Kafka's producer does.
import type { KafkajsBroker, KafkajsCluster } from '../wire/kafkajs-types.js';
import { CoordinatorMoved, unlessCoordinatorMoves } from '../wire/coordinator.js';
import { isConnectionError } from '../wire/failures.js';
import { brokerAnswers } from '../wire/metadata.js';
import { KfkError } from '../../errors.js';

const COORDINATOR_TRANSACTION = 1;
/** Answers that name no coordinator at the broker asked: look it up again. */
const LOOK_AGAIN = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE']);

/** Coordinator calls answer "loading" or "concurrent transactions" for a while: retry those. */
export async function retrying<T>(call: () => Promise<T>, deadlineMs = 20_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await call();
    } catch (err) {
      const e = err as { retriable?: boolean; type?: string };
      const again = e.retriable || e.type === 'CONCURRENT_TRANSACTIONS' || e.type === 'COORDINATOR_LOAD_IN_PROGRESS';
      if (!again || Date.now() + wait > until) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export interface ProducerIdentity {
  producerId: number;
  producerEpoch: number;
}

export class TransactionCoordinator {
  private coordinator: KafkajsBroker | null = null;
  /** A coordinator stopped answering and the id moved (the cluster fenced its broker). */
  movedFromSilent = false;
  /** That broker. */
  silentBroker: number | undefined;
  private readonly added = new Set<string>();
  private anyAdded = false;

  constructor(
    private readonly cluster: KafkajsCluster,
    private readonly transactionalId: string | undefined,
    private readonly transactionTimeoutMs = 60000,
    /** How long InitProducerId is asked again (max.block.ms, as Kafka's initTransactions() waits). */
    private readonly initDeadlineMs = 60000,
  ) {}

  /** A producer id and epoch: from the transaction coordinator, or (idempotent only) the controller. */
  async initProducerId(): Promise<ProducerIdentity> {
    const ask = { transactionalId: this.transactionalId, transactionTimeout: this.transactionTimeoutMs };
    if (this.transactionalId) {
      const res = await this.atCoordinator((broker) => broker.initProducerId(ask), this.initDeadlineMs);
      return { producerId: Number(res.producerId), producerEpoch: Number(res.producerEpoch) };
    }
    // Without a transaction any broker hands out producer ids: each attempt asks the next one,
    // so that a broker that went down (still in the metadata until the controller fences it)
    // is not asked again and again.
    let attempt = 0;
    const res = await retrying(async () => {
      const brokers = this.cluster.brokerPool.metadata?.brokers ?? [];
      const pick = attempt++;
      if (pick === 0 || brokers.length === 0) return (await this.cluster.findControllerBroker()).initProducerId(ask);
      return (await this.cluster.findBroker({ nodeId: brokers[pick % brokers.length].nodeId })).initProducerId(ask);
    });
    return { producerId: Number(res.producerId), producerEpoch: Number(res.producerEpoch) };
  }

  /** Adds the partitions not in the transaction yet (none without a transactional id). */
  async addPartitions(id: ProducerIdentity, parts: Array<{ topic: string; partition: number }>): Promise<void> {
    if (!this.transactionalId) return;
    const topics = new Map<string, Set<number>>();
    for (const { topic, partition } of parts) {
      if (this.added.has(`${topic}\0${partition}`)) continue;
      if (!topics.has(topic)) topics.set(topic, new Set());
      topics.get(topic)!.add(partition);
    }
    if (topics.size === 0) return;
    await this.atCoordinator((broker) =>
      broker.addPartitionsToTxn({
        transactionalId: this.transactionalId,
        ...id,
        topics: [...topics].map(([topic, ps]) => ({ topic, partitions: [...ps] })),
      }),
    );
    for (const [topic, ps] of topics) for (const p of ps) this.added.add(`${topic}\0${p}`);
    this.anyAdded = true;
  }

  /** Commits or aborts; nothing to end when no partition was added. */
  async end(id: ProducerIdentity, commit: boolean): Promise<void> {
    if (!this.transactionalId || !this.anyAdded) return;
    await this.atCoordinator((broker) => broker.endTxn({ transactionalId: this.transactionalId, ...id, transactionResult: commit }));
  }

  /**
   * `call` at the transaction coordinator, retried for up to `deadlineMs`; found again when it
   * moved or stopped answering. A coordinator that did not answer until the end is named.
   */
  private async atCoordinator<T>(call: (broker: KafkajsBroker) => Promise<T>, deadlineMs = 20_000): Promise<T> {
    const groupId = this.transactionalId!;
    const started = Date.now();
    let silent: number | undefined;
    try {
      return await retrying(async () => {
        const broker = (this.coordinator ??= await this.cluster.findGroupCoordinator({ groupId, coordinatorType: COORDINATOR_TRANSACTION }));
        try {
          return await unlessCoordinatorMoves(this.cluster, groupId, broker.nodeId, call(broker), { coordinatorType: COORDINATOR_TRANSACTION });
        } catch (err) {
          const moved = err instanceof CoordinatorMoved;
          if (moved) {
            brokerAnswers(this.cluster, broker.nodeId, false);
            this.movedFromSilent = true;
            this.silentBroker = broker.nodeId;
          }
          if (moved || isConnectionError(err)) silent = broker.nodeId;
          if ((moved || isConnectionError(err) || LOOK_AGAIN.has((err as { type?: string }).type ?? '')) && this.coordinator === broker) this.coordinator = null;
          throw err;
        }
      }, deadlineMs);
    } catch (err) {
      // Not "cannot connect to <bootstrap>": kfk is connected, and one broker does not answer.
      if (silent !== undefined && (err instanceof CoordinatorMoved || isConnectionError(err))) {
        throw new KfkError(`broker ${silent}, the coordinator of transactional id '${groupId}', did not answer within ${Date.now() - started} ms`);
      }
      throw err;
    }
  }
}
