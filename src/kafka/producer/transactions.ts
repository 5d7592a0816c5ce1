// The producer's calls to its transaction coordinator (or, idempotent only, the controller):
// InitProducerId, AddPartitionsToTxn before a partition's first batch, EndTxn. Coordinator calls
// answer "loading" or "concurrent transactions" for a while after a change; those are retried.
import type { KafkajsBroker, KafkajsCluster } from '../wire/kafkajs-types.js';

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
  private readonly added = new Set<string>();
  private anyAdded = false;

  constructor(
    private readonly cluster: KafkajsCluster,
    private readonly transactionalId: string | undefined,
    private readonly transactionTimeoutMs = 60000,
  ) {}

  /** A producer id and epoch: from the transaction coordinator, or (idempotent only) the controller. */
  async initProducerId(): Promise<ProducerIdentity> {
    const ask = { transactionalId: this.transactionalId, transactionTimeout: this.transactionTimeoutMs };
    if (this.transactionalId) {
      const broker = await this.cluster.findGroupCoordinator({ groupId: this.transactionalId, coordinatorType: 1 });
      this.coordinator = broker;
      const res = await retrying(() => broker.initProducerId(ask));
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
    await retrying(() =>
      this.broker().addPartitionsToTxn({
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
    await retrying(() => this.broker().endTxn({ transactionalId: this.transactionalId, ...id, transactionResult: commit }));
  }

  private broker(): KafkajsBroker {
    if (!this.coordinator) throw new Error('internal error: no transaction coordinator');
    return this.coordinator;
  }
}
