// kfk's record path (RecordBatch v2 encode/decode) against Kafka's own Java code on a real
// broker: transactions written by Kafka's Java producer (a jshell script on Kafka's jars),
// binary records of every codec in both directions compared byte for byte, and Kafka's
// DumpLogSegments reading what the broker really stored (codec, batch sizes, CRCs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureKafka, isKafka3, JVM_QUIET_FLAGS, kafkaToolArgs, kafkaVersion, logConfigFlag } from '../../src/local/kafka-dist.js';
import { KFK_BIN, cleanEnv, uniqueName } from '../helpers/cli.js';
import { TOOLS, spawnCollect } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const { bootstrap } = cluster;
const B = ['--bootstrap-server', bootstrap];
const dist = ensureKafka(kafkaVersion(process.env), process.env, () => undefined);
const tmp = mkdtempSync(join(tmpdir(), 'kfk-records-java-'));
const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const [major, minor] = dist.version.split('.').map(Number);
/** The console consumer's formatter flag: --formatter-property from Kafka 4.2, --property before. */
const FORMATTER = major > 4 || (major === 4 && minor >= 2) ? '--formatter-property' : '--property';

// ---------------------------------------------------------------------------------------------
// Processes, with stdout kept as bytes

interface Raw {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Raw> {
  return spawnCollect(cmd, args, opts).then((r) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr.toString('utf8') }));
}

const kfkRaw = (args: string[], input?: string | Buffer) => run(process.execPath, [KFK_BIN, ...args], { env: cleanEnv(), input });
const javaTool = (mainClass: string, args: string[], input?: string | Buffer) => run('java', kafkaToolArgs(dist, mainClass, args), { input });

/** kfk consume with text output, as a string (for ASCII-only expectations). */
async function consume(topic: string, ...args: string[]) {
  const r = await kfkRaw(['consume', ...B, '--topic', topic, ...args]);
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

interface JsonRec {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: [string, string | null][];
}

/** kfk consume -o json --encoding hex: every record's bytes, losslessly. */
async function consumeJson(topic: string, ...args: string[]): Promise<JsonRec[]> {
  const r = await kfkRaw(['consume', ...B, '--topic', topic, '-o', 'json', '--encoding', 'hex', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const o = JSON.parse(l);
      expect(o.topic).toBe(topic);
      if (o.key !== null) expect(o.keyEncoding).toBe('hex');
      if (o.value !== null) expect(o.valueEncoding).toBe('hex');
      const headers: [string, string | null][] = Array.isArray(o.headers) ? o.headers : Object.entries(o.headers);
      if (headers.length) expect(o.headersEncoding).toBe('hex');
      return { partition: o.partition, offset: o.offset, timestamp: o.timestamp, key: o.key, value: o.value, headers };
    });
}

// ---------------------------------------------------------------------------------------------
// Kafka's DumpLogSegments on the broker's log: what was stored, batch by batch

interface StoredBatch {
  baseOffset: number;
  lastOffset: number;
  count: number;
  codec: string;
  transactional: boolean;
  control: boolean;
  maxTimestamp: number;
  valid: boolean;
}

async function dumpLog(topics: string[]): Promise<Map<string, StoredBatch[]>> {
  const files = topics.map((t) => {
    // The test broker has two log directories: the partition is in one of them.
    const dir = (cluster.nodes[0].logDirs ?? [cluster.nodes[0].dataDir]).map((d) => join(d, `${t}-0`)).find((d) => existsSync(d)) ?? join(cluster.nodes[0].dataDir, `${t}-0`);
    const segs = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(segs).toEqual(['00000000000000000000.log']);
    return join(dir, segs[0]);
  });
  // Kafka 4 moved the tool from core (Scala) to tools.
  const classes = isKafka3(dist.version) ? ['kafka.tools.DumpLogSegments'] : ['org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'];
  let r: Raw | undefined;
  for (const cls of classes) {
    r = await javaTool(cls, ['--files', files.join(',')]);
    if (!/ClassNotFoundException|Could not find or load main class/.test(r.stderr)) break;
  }
  expect(r!.code, r!.stderr).toBe(0);
  const out = new Map<string, StoredBatch[]>();
  let current: StoredBatch[] = [];
  for (const line of r!.stdout.toString('utf8').split('\n')) {
    const dumping = /^Dumping (.*)$/.exec(line);
    if (dumping) {
      current = [];
      out.set(topics[files.indexOf(dumping[1])], current);
      continue;
    }
    if (!line.startsWith('baseOffset:')) continue;
    const f = new Map([...line.matchAll(/(\w+): (\S+)/g)].map((m) => [m[1], m[2]]));
    current.push({
      baseOffset: Number(f.get('baseOffset')),
      lastOffset: Number(f.get('lastOffset')),
      count: Number(f.get('count')),
      codec: f.get('compresscodec')!.toLowerCase(),
      transactional: f.get('isTransactional') === 'true',
      control: f.get('isControl') === 'true',
      maxTimestamp: Number(f.get('CreateTime')),
      valid: f.get('isvalid') === 'true',
    });
  }
  expect([...out.keys()].sort()).toEqual([...topics].sort());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Test data: binary records with everything a record can carry

interface Rec {
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
  timestamp: number;
}

const BASE_TS = 1_600_000_000_000;
// Records from 2020, 35 days apart: the topics keep them in one segment, for good.
const KEEP: [string, string][] = [
  ['retention.ms', '-1'],
  ['segment.ms', String(10 * 365 * 24 * 3600 * 1000)],
];

/**
 * Keys and values with every byte value, invalid UTF-8, newlines, NUL, empty and null; headers
 * repeated, null, with non-ASCII keys; timestamps before the first record of the batch and more
 * than 2^31 ms after it (64-bit varint deltas). Header values are binary only when
 * `binaryHeaders` (Kafka's console consumer prints them as UTF-8 text).
 */
function records(tag: string, binaryHeaders: boolean): Rec[] {
  const u = (s: string) => Buffer.from(s, 'utf8');
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const out: Rec[] = [
    { key: null, value: all, headers: [], timestamp: BASE_TS },
    {
      key: Buffer.from([0xff, 0xfe, 0x00, 0x0a]),
      value: Buffer.from([0x80, 0x0a, 0xc3, 0x28, 0x0d, 0x00, 0xf0, 0x9f]),
      headers: [['h', binaryHeaders ? Buffer.from([0, 0xff, 0x0a]) : u('first\u0000')], ['h', null], ['ü 🔑', u('✓')]],
      timestamp: BASE_TS + 3_000_000_000,
    },
    { key: u('ключ 🔑'), value: u(`значение ✓ 😀 \u0000\t\u2028\u0085 ${tag}`), headers: [['tag', u(tag)]], timestamp: BASE_TS - 5000 },
    { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [['', Buffer.alloc(0)]], timestamp: BASE_TS + 1 },
    { key: u('tombstone'), value: null, headers: [], timestamp: BASE_TS + 2 },
  ];
  let seed = 12345;
  const rnd = (n: number) => Buffer.from(Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
  for (let i = 0; i < 300; i++) {
    out.push({
      key: i % 3 === 0 ? null : u(`k${i}`),
      value: Buffer.concat([u(`${tag}-${i}-${'z'.repeat(i % 120)}`), rnd(i % 40)]),
      headers: i % 5 === 0 ? [['n', u(String(i))]] : [],
      timestamp: BASE_TS + i * 1000,
    });
  }
  return out;
}

const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));

function expectedJson(recs: Rec[], offsets: number[]): JsonRec[] {
  return recs.map((r, i) => ({
    partition: 0,
    offset: offsets[i],
    timestamp: r.timestamp,
    key: hex(r.key),
    value: hex(r.value),
    headers: r.headers.map(([k, v]) => [k, hex(v)] as [string, string | null]),
  }));
}

// ---------------------------------------------------------------------------------------------
// One jshell run of Kafka's Java producer for the whole file

const T = {
  tx: uniqueName('jtx'),
  mix: uniqueName('jtx-mix'),
  open: uniqueName('jtx-open'),
  codec: Object.fromEntries(CODECS.map((c) => [c, uniqueName(`jcodec-bin-${c}`)])) as Record<(typeof CODECS)[number], string>,
};
const javaRecords = Object.fromEntries(CODECS.map((c) => [c, records(c, true)])) as Record<(typeof CODECS)[number], Rec[]>;
const goFile = join(tmp, 'commit-the-open-transaction');

function javaString(s: string): string {
  return JSON.stringify(s); // a JSON string of printable ASCII is a Java string literal
}

function jshellScript(dataFiles: Record<string, string>): string {
  const field = (b: Buffer | null) => (b === null ? '-' : `b:${b.toString('base64')}`);
  for (const c of CODECS) {
    const lines = javaRecords[c].map((r) => [String(r.timestamp), field(r.key), field(r.value), ...r.headers.flatMap(([k, v]) => [field(Buffer.from(k)), field(v)])].join(' '));
    writeFileSync(dataFiles[c], lines.join('\n') + '\n');
  }
  const allTopics = [T.tx, T.mix, T.open, ...CODECS.map((c) => T.codec[c])];
  return `
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

Properties props(String... kv) {
  Properties p = new Properties();
  p.put("bootstrap.servers", ${javaString(bootstrap)});
  p.put("key.serializer", ByteArraySerializer.class.getName());
  p.put("value.serializer", ByteArraySerializer.class.getName());
  for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
  return p;
}
byte[] field(String f) { return f.equals("-") ? null : Base64.getDecoder().decode(f.substring(2)); }
Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> p, String topic, String value) {
  return p.send(new ProducerRecord<byte[], byte[]>(topic, 0, null, null, value.getBytes(StandardCharsets.UTF_8)));
}
void report(String tag, String label, Future<RecordMetadata> f) throws Exception {
  RecordMetadata md = f.get(60, TimeUnit.SECONDS);
  System.out.println("REC " + tag + " " + label + " " + md.partition() + " " + md.offset() + " " + md.timestamp());
}
void transaction(KafkaProducer<byte[], byte[]> p, String tag, String topic, boolean commit, String... values) throws Exception {
  p.beginTransaction();
  List<Future<RecordMetadata>> fs = new ArrayList<>();
  for (String v : values) fs.add(send(p, topic, v));
  p.flush(); // in the log before the transaction ends, aborted or not
  for (int i = 0; i < values.length; i++) report(tag, values[i], fs.get(i));
  if (commit) p.commitTransaction(); else p.abortTransaction();
}

int status = 1;
try {
  try (Admin admin = Admin.create(props())) {
    List<NewTopic> topics = new ArrayList<>();
    for (String t : new String[] { ${allTopics.map(javaString).join(', ')} }) {
      topics.add(new NewTopic(t, 1, (short) 1).configs(Map.of(${KEEP.map(([k, v]) => `${javaString(k)}, ${javaString(v)}`).join(', ')})));
    }
    admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
  }

  // committed c1..c3, aborted a1..a3, committed c4..c5
  try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props("transactional.id", ${javaString(uniqueName('jtx-id'))}))) {
    p.initTransactions();
    transaction(p, "tx", ${javaString(T.tx)}, true, "c1", "c2", "c3");
    transaction(p, "tx", ${javaString(T.tx)}, false, "a1", "a2", "a3");
    transaction(p, "tx", ${javaString(T.tx)}, true, "c4", "c5");
  }

  // two producers' transactions interleaved in one partition: x commits, y aborts
  try (KafkaProducer<byte[], byte[]> x = new KafkaProducer<>(props("transactional.id", ${javaString(uniqueName('jtx-x'))}));
       KafkaProducer<byte[], byte[]> y = new KafkaProducer<>(props("transactional.id", ${javaString(uniqueName('jtx-y'))}))) {
    x.initTransactions();
    y.initTransactions();
    x.beginTransaction();
    y.beginTransaction();
    String mix = ${javaString(T.mix)};
    report("mix", "x1", send(x, mix, "x1"));
    report("mix", "y1", send(y, mix, "y1"));
    report("mix", "x2", send(x, mix, "x2"));
    report("mix", "y2", send(y, mix, "y2"));
    x.commitTransaction();
    report("mix", "y3", send(y, mix, "y3"));
    y.abortTransaction();
    x.beginTransaction();
    report("mix", "x3", send(x, mix, "x3"));
    x.commitTransaction();
  }

  // binary records, each codec, several records per batch
  ${CODECS.map(
    (c) => `{
    List<Future<RecordMetadata>> fs = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props("compression.type", "${c}", "linger.ms", "200", "batch.size", "16384"))) {
      for (String line : Files.readAllLines(Path.of(${javaString(dataFiles[c])}))) {
        String[] f = line.split(" ", -1);
        List<Header> headers = new ArrayList<>();
        for (int i = 3; i + 1 < f.length; i += 2) headers.add(new RecordHeader(new String(field(f[i]), StandardCharsets.UTF_8), field(f[i + 1])));
        fs.add(p.send(new ProducerRecord<byte[], byte[]>(${javaString(T.codec[c])}, 0, Long.parseLong(f[0]), field(f[1]), field(f[2]), headers)));
      }
      p.flush();
      for (int i = 0; i < fs.size(); i++) report("${c}", String.valueOf(i), fs.get(i));
    }
  }`,
  ).join('\n  ')}

  // a transaction left open until the test says commit
  try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props("transactional.id", ${javaString(uniqueName('jtx-open'))}, "transaction.timeout.ms", "300000"))) {
    p.initTransactions();
    transaction(p, "open", ${javaString(T.open)}, true, "c1");
    p.beginTransaction();
    Future<RecordMetadata> o1 = send(p, ${javaString(T.open)}, "o1");
    Future<RecordMetadata> o2 = send(p, ${javaString(T.open)}, "o2");
    p.flush();
    report("open", "o1", o1);
    report("open", "o2", o2);
    System.out.println("OPEN");
    System.out.flush();
    long deadline = System.currentTimeMillis() + 300_000;
    while (!Files.exists(Path.of(${javaString(goFile)}))) {
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("nobody asked to commit the open transaction");
      Thread.sleep(50);
    }
    p.commitTransaction();
  }
  System.out.println("DONE");
  status = 0;
} catch (Throwable e) {
  e.printStackTrace();
}
/exit status
`;
}

interface Sent {
  partition: number;
  offset: number;
  timestamp: number;
}

const java = {
  child: undefined as ReturnType<typeof spawn> | undefined,
  stdout: '',
  stderr: '',
  exited: undefined as Promise<number | null> | undefined,
  /** tag -> label -> where Kafka's producer says the record went */
  sent: new Map<string, Map<string, Sent>>(),
};

function javaOutput(): string {
  return `jshell stdout:\n${java.stdout}\njshell stderr:\n${java.stderr}`;
}

function parseSent(): void {
  java.sent.clear();
  for (const line of java.stdout.split('\n')) {
    const m = /^REC (\S+) (\S+) (\d+) (\d+) (-?\d+)$/.exec(line);
    if (!m) continue;
    if (!java.sent.has(m[1])) java.sent.set(m[1], new Map());
    java.sent.get(m[1])!.set(m[2], { partition: Number(m[3]), offset: Number(m[4]), timestamp: Number(m[5]) });
  }
}

function sent(tag: string, label: string): Sent {
  parseSent();
  const s = java.sent.get(tag)?.get(label);
  if (!s) throw new Error(`Kafka's producer did not report ${tag}/${label}\n${javaOutput()}`);
  return s;
}

beforeAll(async () => {
  const dataFiles = Object.fromEntries(CODECS.map((c) => [c, join(tmp, `records-${c}.txt`)]));
  const script = join(tmp, 'producer.jsh');
  writeFileSync(script, jshellScript(dataFiles));
  // jshell does not expand a class path wildcard: every jar by name.
  const classPath = readdirSync(dist.libs)
    .filter((f) => f.endsWith('.jar'))
    .map((f) => join(dist.libs, f))
    .join(':');
  const child = spawn(
    'jshell',
    ['-q', ...JVM_QUIET_FLAGS.flatMap((f) => [`-J${f}`, `-R${f}`]), '--class-path', classPath, `-R${logConfigFlag(dist.version, dist.toolsLogConfig)}`, '-R-Xmx256m', `-J-Djava.util.prefs.userRoot=${join(tmp, 'prefs')}`, script],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  java.child = child;
  child.stdout!.on('data', (d) => (java.stdout += d));
  child.stderr!.on('data', (d) => (java.stderr += d));
  java.exited = new Promise((resolve, reject) => {
    child.on('error', (err) =>
      reject(new Error(`cannot run jshell (${err.message}): these tests need a JDK (e.g. apt-get install openjdk-17-jdk-headless)`)),
    );
    child.on('close', (code) => resolve(code));
  });
  // Until the script holds its last transaction open (everything before it is in the log).
  await Promise.race([
    java.exited.then((code) => {
      throw new Error(`jshell exited with ${code} before the records were written\n${javaOutput()}`);
    }),
    new Promise<void>((resolve) => {
      const check = () => {
        if (/^OPEN$/m.test(java.stdout)) resolve();
        else if (child.exitCode === null && child.signalCode === null) setTimeout(check, 100);
      };
      check();
    }),
  ]);
  parseSent();
}, 180_000);

afterAll(async () => {
  writeFileSync(goFile, '');
  const c = java.child;
  if (c && c.exitCode === null && c.signalCode === null) {
    const timer = setTimeout(() => c.kill('SIGKILL'), 30_000);
    await java.exited?.catch(() => undefined);
    clearTimeout(timer);
  }
});

// ---------------------------------------------------------------------------------------------

describe("transactions written by Kafka's Java producer", () => {
  it('an aborted transaction is hidden under read_committed and shown under read_uncommitted; control records never print', async () => {
    // Offsets as Kafka assigned them: each transaction marker takes one (3, 7 and 10).
    const offsets = Object.fromEntries(['c1', 'c2', 'c3', 'a1', 'a2', 'a3', 'c4', 'c5'].map((v) => [v, sent('tx', v).offset]));
    expect(offsets).toEqual({ c1: 0, c2: 1, c3: 2, a1: 4, a2: 5, a3: 6, c4: 8, c5: 9 });

    const committed = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const all = ['c1', 'c2', 'c3', 'a1', 'a2', 'a3', 'c4', 'c5'];
    const lines = (vs: string[]) => vs.map((v) => v + '\n').join('');

    const rc = await consume(T.tx, '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '2000');
    expect(rc).toEqual({ code: 0, stdout: lines(committed), stderr: 'Processed a total of 5 messages\n' });
    const ru = await consume(T.tx, '--from-beginning', '--isolation-level', 'read_uncommitted', '--timeout-ms', '2000');
    expect(ru).toEqual({ code: 0, stdout: lines(all), stderr: 'Processed a total of 8 messages\n' });
    const dflt = await consume(T.tx, '--from-beginning', '--timeout-ms', '2000');
    expect(dflt).toEqual(ru);

    // -e: the end offset (11) lies past the last marker; reaching it through the marker ends the run.
    expect(await consume(T.tx, '--from-beginning', '--isolation-level', 'read_committed', '-e')).toEqual(rc);
    expect(await consume(T.tx, '--from-beginning', '-e')).toEqual(ru);
    // --max-messages counts records, not markers or aborted records
    expect(await consume(T.tx, '--from-beginning', '--isolation-level', 'read_committed', '--max-messages', '4')).toEqual({
      code: 0,
      stdout: lines(committed.slice(0, 4)),
      stderr: 'Processed a total of 4 messages\n',
    });

    const asJson = async (...args: string[]) =>
      (await consumeJson(T.tx, ...args)).map((r) => ({ offset: r.offset, timestamp: r.timestamp, value: Buffer.from(r.value!, 'hex').toString() }));
    const where = (vs: string[]) => vs.map((v) => ({ offset: sent('tx', v).offset, timestamp: sent('tx', v).timestamp, value: v }));
    expect(await asJson('--from-beginning', '--isolation-level', 'read_committed', '-e')).toEqual(where(committed));
    expect(await asJson('--from-beginning', '-e')).toEqual(where(all));
    // Starting at a marker's offset, or inside the aborted batch
    expect(await asJson('--partition', '0', '--offset', '3', '-e')).toEqual(where(all.slice(3)));
    expect(await asJson('--partition', '0', '--offset', '5', '-e')).toEqual(where(all.slice(4)));
    expect(await asJson('--partition', '0', '--offset', '3', '--isolation-level', 'read_committed', '-e')).toEqual(where(['c4', 'c5']));
    expect(await asJson('--partition', '0', '--offset', '10', '-e')).toEqual([]);

    // What Kafka's own console consumer prints, offsets included, is what kfk prints.
    const props = ['print.offset', 'print.partition'].flatMap((p) => ['--property', `${p}=true`]);
    const javaProps = props.map((p) => (p === '--property' ? FORMATTER : p));
    for (const [level, vs] of [['read_committed', committed], ['read_uncommitted', all]] as const) {
      const args = ['--topic', T.tx, '--from-beginning', '--isolation-level', level, '--max-messages', String(vs.length)];
      const [mine, theirs] = await Promise.all([kfkRaw(['consume', ...B, ...args, ...props]), javaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, ...args, ...javaProps, '--timeout-ms', '30000'])]);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect(mine.code, mine.stderr).toBe(0);
      expect(mine.stdout.toString()).toBe(vs.map((v) => `Partition:0\tOffset:${sent('tx', v).offset}\t${v}\n`).join(''));
      expect(mine.stdout.equals(theirs.stdout)).toBe(true);
    }

    // What the broker stored: 3 transactions, each data batch followed by its marker.
    const stored = (await dumpLog([T.tx])).get(T.tx)!;
    expect(stored.every((b) => b.transactional && b.valid)).toBe(true);
    expect(stored.filter((b) => b.control).map((b) => b.baseOffset)).toEqual([3, 7, 10]);
  });

  it("two producers' interleaved transactions: read_committed shows only the committed one's records", async () => {
    const order = ['x1', 'y1', 'x2', 'y2', 'y3', 'x3'];
    const offs = order.map((v) => sent('mix', v).offset);
    expect(offs).toEqual([...offs].sort((a, b) => a - b));
    const lines = (vs: string[]) => vs.map((v) => v + '\n').join('');
    expect(await consume(T.mix, '--from-beginning', '--isolation-level', 'read_committed', '-e')).toEqual({
      code: 0,
      stdout: lines(['x1', 'x2', 'x3']),
      stderr: 'Processed a total of 3 messages\n',
    });
    expect(await consume(T.mix, '--from-beginning', '-e')).toEqual({ code: 0, stdout: lines(order), stderr: 'Processed a total of 6 messages\n' });
    const rc = await consumeJson(T.mix, '--from-beginning', '--isolation-level', 'read_committed', '-e');
    expect(rc.map((r) => r.offset)).toEqual(['x1', 'x2', 'x3'].map((v) => sent('mix', v).offset));
    // Kafka's console consumer agrees.
    const theirs = await javaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', T.mix, '--from-beginning', '--isolation-level', 'read_committed', '--max-messages', '3', '--timeout-ms', '30000']);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(theirs.stdout.toString()).toBe(lines(['x1', 'x2', 'x3']));
  });

  // Under read_uncommitted a partition's end is the high watermark, not the last stable offset:
  // with a transaction open, -e reads its records, --offset N past the LSO is valid, and -N /
  // latest count from the high watermark.
  it('while a transaction is open, read_uncommitted -e, --offset N, -N and latest use the high watermark', async () => {
    expect(java.stdout).not.toMatch(/^DONE$/m);
    const lines = (vs: string[]) => vs.map((v) => v + '\n').join('');
    expect([sent('open', 'c1').offset, sent('open', 'o1').offset, sent('open', 'o2').offset]).toEqual([0, 2, 3]);
    const results = {
      end: await consume(T.open, '--from-beginning', '-e'),
      offset3: await consume(T.open, '--partition', '0', '--offset', '3', '-e'),
      last2: await consume(T.open, '--offset', '-2', '-e'),
      latest: await consume(T.open, '--offset', 'latest', '--timeout-ms', '1500'),
    };
    expect(results).toEqual({
      end: { code: 0, stdout: lines(['c1', 'o1', 'o2']), stderr: 'Processed a total of 3 messages\n' },
      offset3: { code: 0, stdout: lines(['o2']), stderr: 'Processed a total of 1 messages\n' },
      last2: { code: 0, stdout: lines(['o1', 'o2']), stderr: 'Processed a total of 2 messages\n' },
      latest: { code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' },
    });
  });

  it('an open transaction: read_committed stops before it; once committed, its records show', async () => {
    expect(java.stdout).not.toMatch(/^DONE$/m);
    const lines = (vs: string[]) => vs.map((v) => v + '\n').join('');
    expect(await consume(T.open, '--from-beginning', '--isolation-level', 'read_committed', '-e')).toEqual({ code: 0, stdout: 'c1\n', stderr: 'Processed a total of 1 messages\n' });
    expect(await consume(T.open, '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '1500')).toEqual({ code: 0, stdout: 'c1\n', stderr: 'Processed a total of 1 messages\n' });
    expect(await consume(T.open, '--from-beginning', '--timeout-ms', '1500')).toEqual({ code: 0, stdout: lines(['c1', 'o1', 'o2']), stderr: 'Processed a total of 3 messages\n' });

    writeFileSync(goFile, '');
    const code = await java.exited;
    expect(code, javaOutput()).toBe(0);
    expect(java.stdout).toMatch(/^DONE$/m);
    expect(await consume(T.open, '--from-beginning', '--isolation-level', 'read_committed', '-e')).toEqual({ code: 0, stdout: lines(['c1', 'o1', 'o2']), stderr: 'Processed a total of 3 messages\n' });
  });
});

describe("binary records Kafka's Java producer compressed: kfk decodes them byte for byte", () => {
  it.each(CODECS)('%s', async (codec) => {
    const recs = javaRecords[codec];
    const offsets = recs.map((_, i) => sent(codec, String(i)).offset);
    expect(offsets).toEqual(recs.map((_, i) => i));
    expect(recs.map((_r, i) => sent(codec, String(i)).timestamp)).toEqual(recs.map((r) => r.timestamp));

    // Stored as several multi-record batches of this codec (so the test decodes real ones).
    const stored = (await dumpLog([T.codec[codec]])).get(T.codec[codec])!;
    expect(stored.map((b) => [b.codec, b.valid])).toEqual(stored.map(() => [codec, true]));
    expect(stored.reduce((n, b) => n + b.count, 0)).toBe(recs.length);
    expect(Math.max(...stored.map((b) => b.count))).toBeGreaterThan(1);

    const json = await consumeJson(T.codec[codec], '--from-beginning', '-e');
    expect(json).toEqual(expectedJson(recs, offsets));

    // Text output: value bytes as stored, one per line; null prints as Kafka's null literal.
    const text = await kfkRaw(['consume', ...B, '--topic', T.codec[codec], '--from-beginning', '-e']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe(`Processed a total of ${recs.length} messages\n`);
    const want = Buffer.concat(recs.flatMap((r) => [r.value ?? Buffer.from('null'), Buffer.from('\n')]));
    expect(text.stdout.equals(want)).toBe(true);
  });
});

describe("records Kafka's console producer compressed: kfk decodes them byte for byte", () => {
  it.each(CODECS)('%s', async (codec) => {
    const t = uniqueName(`jcodec-text-${codec}`);
    expect((await kfkRaw(['topic', 'create', ...B, '--topic', t])).code).toBe(0);
    // The console producer reads UTF-8 text lines: every character but line breaks.
    const rows = Array.from({ length: 400 }, (_, i) => ({
      headers: `h1:ü✓,h2:${codec}-${i}`,
      key: `ключ-${i}-🔑`,
      value: `${codec} значение ${i} 😀\t\u0000\u0001\u2028\u0085 ${'z'.repeat(i % 90)} end`,
    }));
    const input = rows.map((r) => `${r.headers}\t${r.key}\t${r.value}\n`).join('');
    const props = ['parse.headers', 'parse.key'].flatMap((p) => ['--property', `${p}=true`]);
    const p = await javaTool(TOOLS.producer, ['--bootstrap-server', bootstrap, '--topic', t, '--compression-codec', codec, ...props], input);
    expect(p.code, p.stderr).toBe(0);

    const stored = (await dumpLog([t])).get(t)!;
    expect(stored.map((b) => [b.codec, b.valid])).toEqual(stored.map(() => [codec, true]));
    expect(stored.reduce((n, b) => n + b.count, 0)).toBe(rows.length);
    expect(Math.max(...stored.map((b) => b.count))).toBeGreaterThan(1);

    const show = ['print.headers', 'print.key'].flatMap((x) => ['--property', `${x}=true`]);
    const text = await kfkRaw(['consume', ...B, '--topic', t, '--from-beginning', '-e', ...show]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe(`Processed a total of ${rows.length} messages\n`);
    expect(text.stdout.equals(Buffer.from(input, 'utf8'))).toBe(true);

    const json = await consumeJson(t, '--from-beginning', '-e');
    const u = (s: string) => Buffer.from(s, 'utf8').toString('hex');
    expect(json.map((r) => [r.offset, r.key, r.value, r.headers])).toEqual(
      rows.map((r, i) => [i, u(r.key), u(r.value), [['h1', u('ü✓')], ['h2', u(`${codec}-${i}`)]]]),
    );
  });
});

describe("batches kfk encodes: Kafka's console consumer reads them byte for byte", () => {
  it.each(CODECS)('%s', async (codec) => {
    const t = uniqueName(`kcodec-${codec}`);
    expect((await kfkRaw(['topic', 'create', ...B, '--topic', t, ...KEEP.flatMap(([k, v]) => ['--config', `${k}=${v}`])])).code).toBe(0);
    const recs = records(codec, false);
    const input = recs
      .map((r) =>
        JSON.stringify({
          timestamp: r.timestamp,
          key: b64(r.key),
          keyEncoding: 'base64',
          value: b64(r.value),
          valueEncoding: 'base64',
          headers: r.headers.map(([k, v]) => [k, b64(v)]),
          headersEncoding: 'base64',
        }),
      )
      .join('\n');
    const p = await kfkRaw(['produce', ...B, '--topic', t, '--format', 'json', '--compression-codec', codec], input + '\n');
    expect({ code: p.code, stdout: p.stdout.toString(), stderr: p.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });

    // Kafka's own reading of the log: kfk's batches, of this codec, CRCs valid, max timestamps right.
    const stored = (await dumpLog([t])).get(t)!;
    expect(stored.map((b) => [b.codec, b.valid, b.control])).toEqual(stored.map(() => [codec, true, false]));
    expect(stored.reduce((n, b) => n + b.count, 0)).toBe(recs.length);
    expect(Math.max(...stored.map((b) => b.count))).toBeGreaterThan(1);
    for (const b of stored) {
      const inBatch = recs.slice(b.baseOffset, b.lastOffset + 1);
      expect(b.count).toBe(inBatch.length);
      expect(b.maxTimestamp).toBe(Math.max(...inBatch.map((r) => r.timestamp)));
    }

    const show = ['print.timestamp', 'print.offset', 'print.headers', 'print.key'].flatMap((x) => [FORMATTER, `${x}=true`]);
    const theirs = await javaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', t, '--from-beginning', '--max-messages', String(recs.length), '--timeout-ms', '30000', ...show]);
    expect(theirs.code, theirs.stderr).toBe(0);
    const nul = Buffer.from('null');
    const want = Buffer.concat(
      recs.flatMap((r, i) => [
        Buffer.from(`CreateTime:${r.timestamp}\tOffset:${i}\t`),
        r.headers.length ? Buffer.from(r.headers.map(([k, v]) => `${k}:${v === null ? 'null' : v.toString('utf8')}`).join(',')) : Buffer.from('NO_HEADERS'),
        Buffer.from('\t'),
        r.key ?? nul,
        Buffer.from('\t'),
        r.value ?? nul,
        Buffer.from('\n'),
      ]),
    );
    if (!theirs.stdout.equals(want)) expect(theirs.stdout.toString('hex')).toBe(want.toString('hex'));
    expect(theirs.stdout.equals(want)).toBe(true);
  });
});
