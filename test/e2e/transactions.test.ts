// kfk transaction find-hanging, abort, force-terminate and list's filters against Kafka 4.4's
// TransactionsCommand on the shared test broker: the same command line through Kafka's tool and
// through kfk's drop-in on the same cluster state; stdout byte for byte, the error lines and the
// exit codes; and that a read_committed consumer gets past the transaction once it is ended.
import { describe, expect, inject, it } from 'vitest';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { CLUSTER_KAFKA_VERSION, KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';
import { KafkaClient } from '../../src/kafka/wire/client.js';
import type { KafkajsBroker } from '../../src/kafka/wire/kafkajs-types.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.TransactionsCommand', [...BS, ...args], { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-transactions', ...BS, ...args]);
// What a 4.x transaction coordinator does (npm run test:compat runs a 3.x broker): ListTransactions
// v2 (--transactional-id-pattern), and a force-terminated transaction without a start time.
const KAFKA3 = isKafka3(CLUSTER_KAFKA_VERSION);

async function expectSame(args: string[], expected: { code: number; stdout?: string }) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toMatchObject({ code: expected.code, ...(expected.stdout === undefined ? {} : { stdout: expected.stdout }) });
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: r.code, stdout: r.stdout, stderr: '' });
  return o.stdout;
}

/** Kafka's tool prints usage, a stack trace or "Did you mean" around the error; kfk prints the error alone. */
async function expectSameError(args: string[], text: string) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(text + '\n');
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: text + '\n' });
}

/** An error line checked by hand against the tool once (kept out of the JVM runs of each test run). */
async function expectError(args: string[], text: string) {
  const o = await ours(args);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: '', stderr: text + '\n' });
}

/** The records a read_committed consumer gets from the start of the topic. */
async function committedValues(topic: string): Promise<string[]> {
  const r = await kfk(['consume', ...BS, '--topic', topic, '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '2500']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

const header = 'Topic\tPartition\tProducerId\tProducerEpoch\tCoordinatorEpoch\tStartOffset\tLastTimestamp\tDuration(min)\t\n';

/**
 * A transaction that no coordinator will end: transactional records written to partitions the
 * transactional id never added (AddPartitionsToTxn), as an old client or a broker bug could
 * leave them. Kafka 4's brokers check each transactional write with the coordinator
 * (transaction.partition.verification.enable, a dynamic config): the check is off for the
 * moment of the write, then on again.
 */
async function writeHangingTransaction(topic: string, partitions: number[], transactionalId: string): Promise<number> {
  const client = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-test-hanging', connectionTimeout: 5000, requestTimeout: 10000 });
  try {
    const cluster = await client.cluster();
    await cluster.refreshMetadata();
    const brokerId = (cluster.brokerPool.metadata as unknown as { brokers: Array<{ nodeId: number }> }).brokers[0].nodeId;
    const off = await kfk(['config', 'alter', ...BS, '--broker', String(brokerId), '--set', 'transaction.partition.verification.enable=false']);
    expect(off.code, off.stderr).toBe(0);
    try {
      await cluster.addMultipleTargetTopics([topic]);
      type Coordinator = KafkajsBroker & {
        initProducerId(a: { transactionalId: string; transactionTimeout: number }): Promise<{ producerId: string; producerEpoch: number }>;
      };
      let init: { producerId: string; producerEpoch: number } | undefined;
      for (let i = 0; !init; i++) {
        try {
          const coordinator = (await cluster.findGroupCoordinator({ groupId: transactionalId, coordinatorType: 1 })) as Coordinator;
          init = await coordinator.initProducerId({ transactionalId, transactionTimeout: 60_000 });
        } catch (err) {
          // The transaction state topic may still be created or loading on a fresh broker: no
          // coordinator yet, or one that is not ready.
          if (i >= 40) throw err;
          await sleep(250);
        }
      }
      const leader = (await cluster.findBroker({ nodeId: cluster.findTopicPartitionMetadata(topic)[0].leader })) as KafkajsBroker & { produce(a: unknown): Promise<unknown> };
      // The broker picks up a dynamic config change within moments: retry the write until it is taken.
      for (let i = 0; ; i++) {
        try {
          await leader.produce({
            transactionalId,
            producerId: init.producerId,
            producerEpoch: init.producerEpoch,
            acks: -1,
            topicData: [{ topic, partitions: partitions.map((partition) => ({ partition, messages: [{ key: null, value: `hanging-${partition}` }] })) }],
          });
          break;
        } catch (err) {
          if (i >= 40) throw err;
          await sleep(250);
        }
      }
      return Number(init.producerId);
    } finally {
      const on = await kfk(['config', 'alter', ...BS, '--broker', String(brokerId), '--delete', 'transaction.partition.verification.enable']);
      expect(on.code, on.stderr).toBe(0);
    }
  } finally {
    await client.close();
  }
}

describe('kfk transaction find-hanging and abort (kafka-transactions)', () => {
  it('finds a hanging transaction as TransactionsCommand does; abort ends it and a read_committed consumer gets past it', async () => {
    const [topic, txId] = [uniqueName('txn-hang'), uniqueName('txid-hang')];
    expect((await kfk(['topic', 'create', ...BS, '--topic', topic, '--partitions', '3'])).code).toBe(0);
    const pid = await writeHangingTransaction(topic, [0, 1, 2], txId);
    const after = await kfk(['produce', ...BS, '--topic', topic, '--partition', '0'], { input: 'after\n' });
    expect(after.code, after.stderr).toBe(0);
    // Open for longer than 0 minutes: a candidate; the coordinator does not count the partitions
    // in the id's transaction: hanging. Within the default 15 minutes nothing is a candidate yet.
    // The open transaction holds back everything written after it.
    const [found, , held] = await Promise.all([
      expectSame(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0'], { code: 0 }),
      expectSame(['find-hanging', '--topic', topic], { code: 0, stdout: header }),
      committedValues(topic),
    ]);
    expect(held).toEqual([]);
    const rows = found.split('\n').slice(1, -1).map((l) => l.split('\t').map((c) => c.trim()));
    expect(found.split('\n')[0].split('\t').map((c) => c.trim())).toEqual([...header.split('\t').slice(0, -1), '']);
    expect(rows.map((r) => r.slice(0, 6)).sort()).toEqual([0, 1, 2].map((p) => [topic, String(p), String(pid), '0', '-1', '0']));
    const [single, byBroker, own] = await Promise.all([
      ours(['find-hanging', '--topic', topic, '--partition', '2', '--max-transaction-timeout', '0']),
      ours(['find-hanging', '--broker-id', '1', '--max-transaction-timeout', '0']),
      kfk(['transaction', 'find-hanging', ...BS, '--topic', topic, '--max-transaction-timeout', '0', '-o', 'json']),
    ]);
    expect(single.stdout.split('\n')[1].split('\t')[0].trim()).toBe(topic);
    expect(single.stdout.split('\n')).toHaveLength(3);
    expect(byBroker.stdout.split('\n').filter((l) => l.startsWith(topic + '\t') || l.startsWith(topic + ' '))).toHaveLength(3);
    expect(JSON.parse(own.stdout).map((r: { partition: number }) => r.partition).sort()).toEqual([0, 1, 2]);

    await Promise.all([
      expectSameError(['find-hanging'], 'The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search'),
      expectError(['find-hanging', '--broker-id', '1', '--partition', '0'], 'The --partition argument requires --topic to be provided'),
      expectError(['abort', '--topic', topic, '--partition', '0'], 'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) or with --producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)'),
      expectSameError(['abort', '--topic', topic, '--partition', '0', '--start-offset', '5'], `Could not find any open transactions starting at offset 5 on partition ${topic}-0`),
      expectError(['abort', '--topic', topic, '--partition', '0', '--producer-id', String(pid)], 'Missing required argument --producer-epoch'),
      expectError(['abort', '--topic', topic, '--partition', 'x', '--start-offset', '0'], 'kafka-transactions.sh: error: argument --partition:  could  not convert \'x\'\nto Integer (For input string: "x")'),
      expectError(['abort', '--partition', '0'], 'kafka-transactions.sh: error: argument --topic is required'),
      expectSameError(['abort', '--p', '1'], 'kafka-transactions.sh:  error:  ambiguous  option:   --p   could  match  --\npartition, --producer-epoch, --producer-id'),
      expectSameError(['find-hanging', '--topic', uniqueName('txn-none')], 'Failed to describe 1 topics: This server does not host this topic-partition.. Enable debug logging for additional detail.'),
    ]);

    // Partition 0 by Kafka's tool, 1 by kfk's drop-in, each by the transaction's first offset; 2 by kfk's own command, by producer id and epochs.
    const [r0, o1] = await Promise.all([real(['abort', '--topic', topic, '--partition', '0', '--start-offset', '0']), ours(['abort', '--topic', topic, '--partition', '1', '--start-offset', '0'])]);
    expect({ code: r0.code, stdout: r0.stdout }, r0.stderr).toEqual({ code: 0, stdout: '' });
    expect(o1).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const o2 = await kfk(['transaction', 'abort', ...BS, '--topic', topic, '--partition', '2', '--producer-id', String(pid), '--producer-epoch', '0', '--coordinator-epoch', '-1', '-o', 'json']);
    expect(o2).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(o2.stdout)).toEqual({ aborted: true, topic, partition: 2, producerId: pid, producerEpoch: 0, coordinatorEpoch: 0 });

    await expectSame(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0'], { code: 0, stdout: header });
    expect(await committedValues(topic)).toEqual(['after']);
    const producers = await ours(['describe-producers', '--topic', topic, '--partition', '1']);
    expect(producers.stdout.split('\n')[1]).toMatch(new RegExp(`^${pid} *\\t0 *\\t0 *\\t0 *\\t\\d+\\tNone *\\t$`));
  });
});

describe.skipIf(KAFKA3)('kfk transaction force-terminate (kafka-transactions forceTerminateTransaction)', () => {
  it("aborts a killed producer's open transaction at its coordinator, as Kafka's tool does", async () => {
    const topic = uniqueName('txn-kill');
    const ids = [uniqueName('txid-kill-a'), uniqueName('txid-kill-b')];
    expect((await kfk(['topic', 'create', ...BS, '--topic', topic, '--partitions', '1'])).code).toBe(0);
    // Two producers begin a transaction, write, and are killed: their transactions stay open for the 10 minutes of their timeout.
    await Promise.all(
      ids.map(async (id) => {
        const p = kfkProcess(['produce', ...BS, '--topic', topic, '--transactional-id', id, '--producer-property', 'transaction.timeout.ms=600000', '--sync']);
        p.child.stdin.write(`${id}-1\n${id}-2\n`);
        for (let i = 0; i < 100; i++) {
          const d = await kfk(['transaction', 'describe', ...BS, '--transactional-id', id, '-o', 'json']);
          if (d.code === 0 && JSON.parse(d.stdout).state === 'Ongoing') break;
          await sleep(100);
        }
        p.child.kill('SIGKILL');
        await p.done;
      }),
    );
    const before = await Promise.all(ids.map((id) => kfk(['transaction', 'describe', ...BS, '--transactional-id', id, '-o', 'json'])));
    for (const d of before) expect(JSON.parse(d.stdout)).toMatchObject({ state: 'Ongoing', timeoutMs: 600000, partitions: [{ topic, partition: 0 }] });
    expect((await kfk(['produce', ...BS, '--topic', topic], { input: 'after\n' })).code).toBe(0);
    // Its coordinator counts the partition in the open transaction: not hanging.
    const [, held] = await Promise.all([expectSame(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0'], { code: 0, stdout: header }), committedValues(topic)]);
    expect(held).toEqual([]);

    const [r, o] = await Promise.all([real(['forceTerminateTransaction', '--transactionalId', ids[0]]), ours(['forceTerminateTransaction', '--transactionalId', ids[1]])]);
    expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: '' });
    expect(o).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // Both ids: a new epoch, no transaction, the admin client's 30 s request timeout as their transaction timeout.
    const after = await Promise.all(ids.map((id) => kfk(['transaction', 'describe', ...BS, '--transactional-id', id, '-o', 'json'])));
    const states = after.map((d, i) => ({ ...JSON.parse(d.stdout), epochBefore: JSON.parse(before[i].stdout).producerEpoch }));
    for (const s of states) expect(s).toMatchObject({ state: 'Empty', timeoutMs: 30000, startTimeMs: null, partitions: [] });
    expect(states.map((s) => s.producerEpoch - s.epochBefore)).toEqual([states[0].producerEpoch - states[0].epochBefore, states[0].producerEpoch - states[0].epochBefore]);
    expect(states[0].producerEpoch).toBeGreaterThan(states[0].epochBefore);
    expect(await committedValues(topic)).toEqual(['after']);

    const json = await kfk(['transaction', 'force-terminate', ...BS, '--transactional-id', ids[1], '-o', 'json']);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ transactionalId: ids[1], terminated: true, producerId: states[1].producerId, producerEpoch: states[1].producerEpoch + 1 });
    await Promise.all([
      expectSameError(['forceTerminateTransaction'], 'kafka-transactions.sh: error: argument --transactionalId is required'),
      expectError(
        ['force-terminate'],
        "kafka-transactions.sh: error:  invalid  choice:  'force-terminate'  (choose\nfrom 'list',  'describe',  'describe-producers',  'abort',  'find-hanging',\n'forceTerminateTransaction')",
      ),
    ]);
  });
});

describe.skipIf(KAFKA3)('kfk transaction list filters (kafka-transactions list)', () => {
  it('--transactional-id-pattern and --duration-filter as ListTransactions v1 and v2 take them', async () => {
    const prefix = uniqueName('txid-list');
    const topic = uniqueName('txn-list');
    expect((await kfk(['topic', 'create', ...BS, '--topic', topic, '--partitions', '1'])).code).toBe(0);
    for (const p of await Promise.all(['a', 'b'].map((s) => kfk(['produce', ...BS, '--topic', topic, '--transactional-id', `${prefix}-${s}`], { input: 'x\n' })))) expect(p.code, p.stderr).toBe(0);
    const [listed] = await Promise.all([
      expectSame(['list', '--transactional-id-pattern', `${prefix}-.*`], { code: 0 }),
      expectSame(['list', '--transactional-id-pattern', `${prefix}-a`, '--duration-filter', '0'], { code: 0 }),
    ]);
    expect(listed.split('\n').slice(1, -1).map((l) => [l.split('\t')[0].trim(), l.split('\t')[3].trim()]).sort()).toEqual([
      [`${prefix}-a`, 'CompleteCommit'],
      [`${prefix}-b`, 'CompleteCommit'],
    ]);
    const own = await kfk(['transaction', 'list', ...BS, '--transactional-id-pattern', `${prefix}-b`, '-o', 'json']);
    expect(JSON.parse(own.stdout)).toEqual([{ transactionalId: `${prefix}-b`, coordinator: expect.any(Number), producerId: expect.any(Number), state: 'CompleteCommit' }]);
    await Promise.all([
      expectSameError(['list', '--duration-filter', 'abc'], 'kafka-transactions.sh:  error:   argument   --duration-filter:   could  not\nconvert \'abc\' to Long (For input string: "abc")'),
      expectError(['list', '--duration-filter'], 'kafka-transactions.sh:  error:  argument  --duration-filter:  expected  one\nargument'),
      expectSameError(['list', '--transactional-id-pattern', '('], 'Failed to list transactions: ListTransactions request sent to broker 1 failed with an unexpected exception. Enable debug logging for additional detail.'),
    ]);
  });
});
