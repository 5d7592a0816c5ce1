// The runbook commands against Kafka 4.4's own tools on the shared test broker: the same command
// line through Kafka's tool and through kfk's drop-in (`kfk compat <script>`), and kfk's own
// command, on the same cluster state; stdout byte for byte, the error line and the exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { dropIn, realScript, type ScriptName } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const dir = mkdtempSync(join(tmpdir(), 'kfk-runbook-'));

const real = realScript;
const ours = dropIn;
type Tool = ScriptName;


function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/**
 * kafka-reassign-partitions' stdout up to its error line (and Jackson's location line after it):
 * the stack trace that follows is what kfk leaves out.
 */
function errorHead(stdout: string): string {
  const at = stdout.indexOf('Error: ');
  let end = stdout.indexOf('\n', at) + 1;
  if (stdout.startsWith(' at [Source', end)) end = stdout.indexOf('\n', end) + 1;
  return stdout.slice(0, end);
}

async function expectSameError(tool: Tool, args: string[], line: string) {
  const [r, o] = await Promise.all([real(tool, args), ours(tool, args)]);
  expect(r.code).toBe(1);
  // Kafka's tools print usage or a stack trace around the error line; kfk prints the line alone.
  expect(r.stderr.split('\n')).toContain(line);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: line + '\n' });
}

describe('kfk records delete (kafka-delete-records)', () => {
  it('moves log start offsets as DeleteRecordsCommand does, from its JSON file or --topic/--before-offset', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => uniqueName(`delrec-${x}`));
    for (const t of [a, b, c]) expect((await kfk(['topic', 'create', ...BS, '--topic', t, '--partitions', '2'])).code).toBe(0);
    const lines = Array.from({ length: 10 }, (_, i) => `r${i}`).join('\n') + '\n';
    for (const t of [a, b, c]) {
      expect((await kfk(['produce', ...BS, '--topic', t, '--partition', '0'], { input: lines })).code).toBe(0);
      expect((await kfk(['produce', ...BS, '--topic', t, '--partition', '1'], { input: 'x\ny\n' })).code).toBe(0);
    }
    const json = (t: string) => JSON.stringify({ partitions: [{ topic: t, partition: 0, offset: 4 }, { topic: t, partition: 1, offset: 5 }], version: 1 });
    const [r, o] = await Promise.all([
      real('kafka-delete-records', [...BS, '--offset-json-file', file(`${a}.json`, json(a))]),
      ours('kafka-delete-records', [...BS, '--offset-json-file', file(`${b}.json`, json(b))]),
    ]);
    // Kafka prints the partitions in the order of an immutable map, which varies from run to run.
    const sorted = (s: string) => s.split('\n').sort().join('\n');
    expect(r.code).toBe(0);
    expect(o.code).toBe(0);
    expect(sorted(o.stdout)).toBe(sorted(r.stdout.split(a).join(b)));
    expect(o.stdout).toBe(
      'Executing records delete operation\nRecords delete operation completed:\n' +
        `partition: ${b}-0\tlow_watermark: 4\n` +
        `partition: ${b}-1\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is not within the range of offsets maintained by the server.\n`,
    );

    // kfk's own form: exit 1 when a partition failed; the records before the offset are gone.
    const direct = await kfk(['records', 'delete', ...BS, '--topic', c, '--partition', '0', '--before-offset', '7', '-o', 'json']);
    expect(direct).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(direct.stdout)).toEqual([{ topic: c, partition: 0, lowWatermark: 7, error: null }]);
    const all = await kfk(['records', 'delete', ...BS, '--topic', c, '--before-offset', '-1']);
    expect(all).toMatchObject({ code: 0, stdout: `Executing records delete operation\nRecords delete operation completed:\npartition: ${c}-0\tlow_watermark: 10\npartition: ${c}-1\tlow_watermark: 2\n` });
    const earliest = await kfk(['offsets', ...BS, '--topic', c, '--time', 'earliest']);
    expect(earliest.stdout).toBe(`${c}:0:10\n${c}:1:2\n`);
    const bad = await kfk(['records', 'delete', ...BS, '--topic', c, '--partition', '1', '--before-offset', '99']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('OffsetOutOfRangeException');
  });

  it("bad arguments and files: the tool's error line and exit code", async () => {
    await Promise.all([
      expectSameError('kafka-delete-records', [...BS], 'Missing required argument "[offset-json-file]"'),
      expectSameError('kafka-delete-records', [...BS, '--frobnicate', 'x'], 'frobnicate is not a recognized option'),
      expectSameError('kafka-delete-records', [...BS, '--offset-json-file', file('bad.json', 'not json')], 'The input string is not a valid JSON'),
    ]);
    const dup = file('dup.json', JSON.stringify({ partitions: [{ topic: 'x', partition: 0, offset: 1 }, { topic: 'x', partition: 0, offset: 2 }] }));
    await Promise.all([
      expectSameError('kafka-delete-records', [...BS, '--offset-json-file', dup], 'Offset json file contains duplicate topic partitions: x-0'),
    ]);
    const v2 = file('v2.json', JSON.stringify({ partitions: [], version: 2 }));
    await Promise.all([
      expectSameError('kafka-delete-records', [...BS, '--offset-json-file', v2], 'Not supported version field value 2'),
    ]);
    const usage = await kfk(['records', 'delete', ...BS, '--topic', 'x']);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr.split('\n')[0]).toBe('kfk: give --offset-json-file, or --topic with --before-offset');
  });
});

/** The fields of the quorum and features that move on their own (offsets, times, epochs). */
const steady = (s: string) =>
  s
    .replace(/^(HighWatermark|MaxFollowerLag|MaxFollowerLagTimeMs):( +)-?\d+$/gm, '$1:$2N')
    .replace(/Epoch: \d+$/gm, 'Epoch: N')
    .replace(/^(\d+ +\t\S+ +\t)\d+( *\t)\d+( *\t)\d+( *\t)\d+( *\t)/gm, (_m, a: string, ...rest: string[]) => a + rest.slice(0, 4).map((x) => `N${x}`).join(''));

describe('kfk cluster quorum and features (kafka-metadata-quorum, kafka-features)', () => {
  it('describe --status, --replication and features print what the tools print', async () => {
    const runs = await Promise.all([
      real('kafka-metadata-quorum', [...BS, 'describe', '--status']),
      ours('kafka-metadata-quorum', [...BS, 'describe', '--status']),
      real('kafka-metadata-quorum', [...BS, 'describe', '--replication']),
      ours('kafka-metadata-quorum', [...BS, 'describe', '--replication']),
      real('kafka-features', [...BS, 'describe']),
      ours('kafka-features', [...BS, 'describe']),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [rs, os, rr, or, rf, of] = runs;
    expect(steady(os.stdout)).toBe(steady(rs.stdout));
    expect(os.stdout).toMatch(/^ClusterId: {14}\S+\nLeaderId: {15}1\nLeaderEpoch: +\d+\n/);
    // The widths of the columns follow the numbers: the same layout with the numbers masked.
    const mask = (s: string) => s.replace(/\d{3,}/g, (d) => 'N'.repeat(d.length));
    expect(mask(or.stdout).split('\n')[0]).toBe(mask(rr.stdout).split('\n')[0]);
    expect(or.stdout.split('\n').length).toBe(rr.stdout.split('\n').length);
    expect(or.stdout.split('\n')[1]).toMatch(/^1 +\t[\w-]{22}\t\d+ *\t0 *\t\d+ *\t\d+ *\tLeader\t$/);
    // Kafka 4.4's kafka-features names a 3.9 broker's oldest metadata.version `UNKNOWN 1`: compared on 4.x only.
    if (!process.env.KFK_KAFKA_VERSION?.startsWith('3.')) {
      expect(steady(of.stdout)).toBe(steady(rf.stdout));
      expect(of.stdout).toContain('Feature: metadata.version                          SupportedMinVersion: 3.3-IV3');
    }

    const json = await kfk(['cluster', 'quorum', ...BS, '--replication', '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject([{ nodeId: 1, status: 'Leader', lag: 0 }]);
    const features = JSON.parse((await kfk(['cluster', 'features', ...BS, '-o', 'json'])).stdout) as Array<{ feature: string }>;
    expect(features.map((f) => f.feature)).toContain('metadata.version');
  });

  it("bad arguments: the tools' error lines and exit codes", async () => {
    await Promise.all([
      expectSameError('kafka-metadata-quorum', [...BS], 'kafka-metadata-quorum: error: too few arguments'),
      expectSameError('kafka-metadata-quorum', [...BS, 'describe'], 'One of --status or --replication must be specified with describe sub-command'),
      expectSameError('kafka-metadata-quorum', [...BS, 'describe', '--status', '--replication'], 'Only one of --status or --replication should be specified with describe sub-command'),
      expectSameError('kafka-metadata-quorum', [...BS, 'describe', '--foo'], "kafka-metadata-quorum: error: unrecognized arguments: '--foo'"),
      expectSameError('kafka-features', [...BS], 'Command line error: too few arguments. Type --help for help.'),
      expectSameError('kafka-features', ['describe'], 'Command line error: You must specify either --bootstrap-controller or --bootstrap-server.. Type --help for help.'),
    ]);
  });
});

describe('kafka-leader-election and kafka-log-dirs arguments (elections themselves: test/faults/runbook3.test.ts)', () => {
  it("bad arguments: the tools' error lines and exit codes", async () => {
    const t = ['--topic', 'x', '--partition', '0'];
    await Promise.all([
      expectSameError('kafka-leader-election', [...BS, ...t], 'Missing required option(s): election-type'),
      expectSameError('kafka-leader-election', [...BS, '--election-type', 'preferred'], 'One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file'),
      expectSameError('kafka-leader-election', [...BS, '--election-type', 'preferred', '--all-topic-partitions', '--partition', '1'], 'Option partition is only allowed if topic is used'),
      expectSameError('kafka-leader-election', [...BS, '--election-type', 'sideways', ...t], "Cannot parse argument 'sideways' of option election-type"),
      expectSameError('kafka-log-dirs', [...BS], 'Missing required argument "[describe]"'),
      expectSameError('kafka-log-dirs', [...BS, '--describe', '--topic-list'], 'Option topic-list requires an argument'),
    ]);
    const none = await Promise.all([
      real('kafka-leader-election', [...BS, '--election-type', 'preferred', '--all-topic-partitions']),
      ours('kafka-leader-election', [...BS, '--election-type', 'preferred', '--all-topic-partitions']),
    ]);
    expect(none.map((r) => [r.code, r.stdout])).toEqual([
      [0, ''],
      [0, ''],
    ]);
  });
});

describe('kafka-reassign-partitions errors (reassignments themselves: test/faults/runbook3.test.ts)', () => {
  it("bad files, missing topics and partitions: the tool's error line (with its exception class) and exit code", async () => {
    const t = uniqueName('reassign-err');
    expect((await kfk(['topic', 'create', '--topic', t, '--partitions', '1', ...BS])).code).toBe(0);
    const gone = uniqueName('reassign-gone');
    const plan = (parts: Array<[string, number]>) => JSON.stringify({ version: 1, partitions: parts.map(([topic, partition]) => ({ topic, partition, replicas: [1] })) });
    const good = `{"version":1,"partitions":[{"topic":"${t}","partition":0,"replicas":[1]}]}`;
    const pretty = JSON.stringify(JSON.parse(good), null, 2);
    const bad: Array<[string, string]> = [
      ['cut-object', good.slice(0, good.indexOf(',"replicas"'))],
      ['cut-array', `${pretty.slice(0, pretty.indexOf('1\n'))}1\n`],
      ['cut-string', good.slice(0, good.indexOf(t) + 3)],
      ['comma-object', pretty.replace('[\n        1\n      ]', '[1],').replace(/\n/g, '\r\n')],
      ['comma-array', good.replace('[1]', '[1,2,]')],
      ['colon', good.replace('"version":', '"version" ')],
      ['comma', good.replace(',"partitions"', ' "partitions"')],
      ['quote', good.replace('"version"', "'version'")],
      ['name', good.replace('"version"', 'version')],
      ['literal', good.replace('"partition":0', '"partition":tru')],
      ['zero', good.replace('"partition":0', '"partition":00')],
      ['control', good.replace(`"${t}"`, `"${t}\t"`)],
    ];
    const cases: Array<[string, string]> = [
      ['--execute', file(`${t}-word.json`, 'not json\n')],
      ['--verify', file(`${t}-empty.json`, '')],
      ['--execute', file(`${t}-field.json`, `{"partitions":[{"topic":"${t}"}]}`)],
      ['--verify', file(`${t}-type.json`, `{"version":1,"partitions":[{"topic":"${t}","partition":"0","replicas":[1]}]}`)],
      ['--execute', file(`${t}-topics.json`, plan([[t, 0], [gone, 0], [`${gone}x`, 0]]))],
      ['--execute', file(`${t}-parts.json`, plan([[t, 7], [t, 5], [t, 0]]))],
      // Throttles cleared on a topic that is not there: the broker's error, as Java's exception.
      ['--verify', file(`${t}-verify.json`, plan([[gone, 0]]))],
      // JSON syntax errors: Jackson's words, and its line and column (CRLF counted once).
      ...bad.map(([name, text], i): [string, string] => [i % 2 ? '--verify' : '--execute', file(`${t}-${name}.json`, text)]),
    ];
    const runs = await Promise.all(cases.flatMap(([action, f]) => [real, ours].map((run) => run('kafka-reassign-partitions', [...BS, action, '--reassignment-json-file', f]))));
    const lines: string[] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const [r, o] = [runs[i], runs[i + 1]];
      expect(r.code).toBe(1);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: errorHead(r.stdout), stderr: '' });
      lines.push(o.stdout.slice(o.stdout.indexOf('Error: ')).split('\n')[0]);
    }
    expect(lines).toEqual([
      "Error: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      "Error: The input string shouldn't be empty",
      'Error: No such field exists: `partition`',
      'Error: Expected `Integer` value, received "0"',
      expect.stringMatching(new RegExp(`^Error: org\\.apache\\.kafka\\.common\\.errors\\.UnknownTopicOrPartitionException: Topic ${gone}x? not found\\.$`)),
      expect.stringMatching(/^Error: org\.apache\.kafka\.common\.errors\.UnknownTopicOrPartitionException: Unable to find partition: /),
      `Error: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: The topic '${gone}' does not exist.`,
      'Error: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 28])',
      'Error: Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 7, column: 19])',
      'Error: Unexpected end-of-input: was expecting closing quote for a string value',
      'Error: Unexpected character (\'}\' (code 125)): was expecting double-quote to start field name',
      "Error: Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      "Error: Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value",
      'Error: Unexpected character (\'"\' (code 34)): was expecting comma to separate Object entries',
      "Error: Unexpected character (''' (code 39)): was expecting double-quote to start field name",
      "Error: Unexpected character ('v' (code 118)): was expecting double-quote to start field name",
      "Error: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      'Error: Invalid numeric value: Leading zeroes not allowed',
      'Error: Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string value',
    ]);
    expect(lines[5].split(': ')[3].split(', ').sort()).toEqual([`${t}-5`, `${t}-7`]);
    // --generate's topics file: any JSON syntax error is one sentence; then the field checks.
    const generate = [
      [file(`${t}-gen-syntax.json`, '{"topics":[{"topic":"x"}'), 'Error: The input string is not a valid JSON'],
      [file(`${t}-gen-field.json`, '{"topics":[{"name":"x"}],"version":1}'), 'Error: No such field exists: `topic`'],
    ] as const;
    const gen = await Promise.all(generate.flatMap(([f]) => [real, ours].map((run) => run('kafka-reassign-partitions', [...BS, '--generate', '--topics-to-move-json-file', f, '--broker-list', '1']))));
    for (let i = 0; i < gen.length; i += 2) {
      const [r, o] = [gen[i], gen[i + 1]];
      expect(r.code).toBe(1);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: errorHead(r.stdout), stderr: '' });
      expect(o.stdout.split('\n')[0]).toBe(generate[i / 2][1]);
    }
    // A broker that is not there: the tool waits 60 s for it and prints its TimeoutException; kfk prints the same at once.
    const nobroker = file(`${t}-broker.json`, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [9] }] }));
    const o = await ours('kafka-reassign-partitions', [...BS, '--verify', '--reassignment-json-file', nobroker]);
    expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({
      code: 1,
      stdout:
        `Status of partition reassignment:\nThere is no active reassignment of partition ${t}-0, but replica set is 1 rather than 9.\n\nClearing broker-level throttles on brokers 1,9\n` +
        'Error: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: incrementalAlterConfigs\n',
      stderr: '',
    });
  });
});

describe('kfk quota (kafka-configs --entity-type users|clients|ips)', () => {
  it('alter and describe print what kafka-configs prints, in its order', async () => {
    const [ua, ub] = [uniqueName('qa'), uniqueName('qb')];
    const swap = (s: string) => s.split(ua).join(ub);
    const alter = (u: string, more: string[] = []) => [...BS, '--alter', '--entity-type', 'users', '--entity-name', u, ...more];
    const steps: string[][] = [
      ['--add-config', 'producer_byte_rate=1024,consumer_byte_rate=20000000'],
      ['--entity-type', 'clients', '--entity-name', 'app', '--add-config', 'request_percentage=12.5'],
    ];
    for (const step of steps) {
      const [r, o] = await Promise.all([real('kafka-configs', alter(ua, step)), ours('kafka-configs', alter(ub, step))]);
      expect(r.code, r.stderr).toBe(0);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 0, stdout: swap(r.stdout), stderr: '' });
    }
    const describe = (u: string, more: string[] = []) => [...BS, '--describe', '--entity-type', 'users', '--entity-name', u, ...more];
    const runs = await Promise.all([[], ['--entity-type', 'clients']].flatMap((more) => [real('kafka-configs', describe(ua, more)), ours('kafka-configs', describe(ub, more))]));
    for (let i = 0; i < runs.length; i += 2) {
      expect(runs[i].code, runs[i].stderr).toBe(0);
      expect({ code: runs[i + 1].code, stdout: runs[i + 1].stdout }).toEqual({ code: 0, stdout: swap(runs[i].stdout) });
    }
    const mine = await kfk(['quota', 'describe', ...BS, '--user', ub]);
    expect(mine).toMatchObject({ code: 0, stdout: `Quota configs for user-principal '${ub}' are consumer_byte_rate=2.0E7, producer_byte_rate=1024.0\n` });
    const json = await kfk(['quota', 'describe', ...BS, '--user', ub, '--client', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([{ entity: { user: ub, 'client-id': 'app' }, quotas: { request_percentage: 12.5 } }]);

    // Removing: a key the entity does not have is refused with kafka-configs' words.
    await Promise.all([
      expectSameError('kafka-configs', alter(ua, ['--delete-config', 'request_percentage']), 'Invalid config(s): request_percentage'),
      expectSameError('kafka-configs', alter(ua, ['--add-config', 'retention.ms=1']), "Only quota and SCRAM credential configs can be added for 'users' using --bootstrap-server. Unexpected config names: retention.ms"),
      expectSameError('kafka-configs', [...BS, '--describe', '--entity-type', 'ips', '--entity-type', 'users'], "Only 'users' and 'clients' entity types may be specified together"),
    ]);
    const removed = await kfk(['quota', 'alter', ...BS, '--user', ub, '--delete-config', 'producer_byte_rate,consumer_byte_rate']);
    expect(removed).toMatchObject({ code: 0, stdout: `Completed updating config for user ${ub}.\n` });
    expect((await kfk(['quota', 'describe', ...BS, '--user', ub])).stdout).toBe('');
  });
});

describe('kfk transaction (kafka-transactions)', () => {
  it('list, describe and describe-producers after a committed transaction', async () => {
    const [topic, txId] = [uniqueName('txn'), uniqueName('txid')];
    expect((await kfk(['topic', 'create', ...BS, '--topic', topic, '--partitions', '1'])).code).toBe(0);
    const p = await kfk(['produce', ...BS, '--topic', topic, '--transactional-id', txId], { input: 'a\nb\n' });
    expect(p.code, p.stderr).toBe(0);
    const cells = (line: string) => line.split('\t').map((c) => c.trim());
    const row = (out: string, first: string) => cells(out.split('\n').find((l) => cells(l)[0] === first) ?? '');
    const [rl, ol, rd, od, rp, op] = await Promise.all([
      real('kafka-transactions', [...BS, 'list']),
      ours('kafka-transactions', [...BS, 'list']),
      real('kafka-transactions', [...BS, 'describe', '--transactional-id', txId]),
      ours('kafka-transactions', [...BS, 'describe', '--transactional-id', txId]),
      real('kafka-transactions', [...BS, 'describe-producers', '--topic', topic, '--partition', '0']),
      ours('kafka-transactions', [...BS, 'describe-producers', '--topic', topic, '--partition', '0']),
    ]);
    for (const r of [rl, ol, rd, od, rp, op]) expect(r.code, r.stderr).toBe(0);
    // Other tests' transactions come and go in the list: our row and the header are compared.
    expect(ol.stdout.split('\n')[0].split('\t').map((c) => c.trim())).toEqual(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState', '']);
    expect(row(ol.stdout, txId)).toEqual(row(rl.stdout, txId));
    expect(row(ol.stdout, txId)[3]).toBe('CompleteCommit');
    // The duration column is the time since the transaction started: it differs by the time between the two runs.
    const noDuration = (s: string) => s.replace(/^(\S+ *\t\S+ *\t\S+ *\t\S+ *\t\S+ *\t\S+ *\t\S+ *\t)\d+ */m, '$1D');
    expect(noDuration(od.stdout)).toBe(noDuration(rd.stdout));
    expect(op.stdout).toBe(rp.stdout);
    expect(op.stdout.split('\n')[1]).toMatch(/^\d+ *\t0 *\t\d+ *\t1 *\t\d+\tNone *\t$/);

    await Promise.all([
      expectSameError('kafka-transactions', [...BS, 'describe', '--transactional-id', `${txId}-none`], `Failed to describe transaction state of transactional-id \`${txId}-none\`: DescribeTransactions request for transactionalId \`${txId}-none\` failed because the ID could not be found. Enable debug logging for additional detail.`),
      expectSameError('kafka-transactions', [...BS, 'list', '--foo'], "kafka-transactions.sh: error: unrecognized arguments: '--foo'"),
    ]);
    const json = await kfk(['transaction', 'describe', ...BS, '--transactional-id', txId, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ transactionalId: txId, state: 'CompleteCommit', partitions: [] });
  });
});
