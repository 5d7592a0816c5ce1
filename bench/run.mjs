#!/usr/bin/env node
// Side-by-side benchmarks: kfk against Kafka's own tools, kcat, rpk, kaf and kafkactl, on one
// local broker it starts itself, in one run. Tools alternate within each repetition; medians and
// spread are reported, and every kfk figure as a ratio to each peer.
//
//   npm run bench                       # all scenarios, 5 repetitions, 1M x 100 B
//   npm run bench -- --reps 3 --only produce-none,consume
//   npm run bench -- --big              # adds the 10M-record RSS scenario
//   npm run bench -- --tools kfk,kcat,rpk   # only these peers
//
// Peers: kcat from Debian (installed when missing and possible); Kafka's tools from the same
// Maven-fetched Kafka as the broker; kaf, kafkactl and rpk are looked up on PATH and in
// bench/peers/bin (build them from source: see bench/README.md). A peer that is not found is
// reported as missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, openSync, closeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return dflt;
  const v = args[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
};
const REPS = Number(flag('reps', 5));
const RECORDS = Number(flag('records', 1_000_000));
const BIG = Boolean(flag('big', false));
const ONLY = flag('only', '') ? String(flag('only')).split(',') : null;
// --tools kfk,kcat,rpk: only these tools (and the bare node rows) are run.
const TOOLS = flag('tools', '') ? String(flag('tools')).split(',') : null;
const PER_RUN_LIMIT_MS = 300_000;

const { startLocal, stopLocal } = await import(join(root, 'dist/local/cluster.js'));
const { ensureKafka, kafkaToolArgs, kafkaVersion } = await import(join(root, 'dist/local/kafka-dist.js'));
const { KafkaClient } = await import(join(root, 'dist/kafka/wire/client.js'));

const log = (...a) => process.stderr.write(a.join(' ') + '\n');
// Peers built from source are kept here between runs.
const peerCache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kfk', 'peers');
const which = (cmd) => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status === 0) return r.stdout.trim();
  for (const dir of [join(root, 'bench/peers/bin'), peerCache]) {
    if (existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
};

// ---------- peers ----------
function findKcat() {
  let p = which('kcat');
  if (!p && process.getuid?.() === 0) {
    log('bench: installing kcat from Debian');
    spawnSync('sh', ['-c', 'apt-get install -y -qq kcat >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq kcat >/dev/null 2>&1)']);
    p = which('kcat');
  }
  return p;
}

/**
 * rpk is built from Redpanda's source when Go is here and RPK_SOURCE names a checkout (or a bare
 * git directory) of redpanda-data/redpanda: `go build ./cmd/rpk` in src/go/rpk, about two
 * minutes, kept in the peer cache. The Go module proxy does not serve rpk's module.
 */
function buildRpk() {
  const src = process.env.RPK_SOURCE;
  if (!src || !which('go')) return null;
  const tree = join(mkdtempSync(join(tmpdir(), 'kfk-rpk-')), 'src');
  mkdirSync(tree, { recursive: true });
  const checkout = existsSync(join(src, 'src/go/rpk/go.mod'));
  const copy = checkout
    ? spawnSync('cp', ['-r', join(src, 'src/go/rpk'), join(tree, 'rpk')])
    : spawnSync('sh', ['-c', `git -C "${src}" archive HEAD src/go/rpk | tar x -C "${tree}" && mv "${tree}/src/go/rpk" "${tree}/rpk"`]);
  if (copy.status !== 0) return null;
  log('bench: building rpk from source (about two minutes)');
  mkdirSync(peerCache, { recursive: true });
  const built = spawnSync('go', ['build', '-o', join(peerCache, 'rpk'), './cmd/rpk'], { cwd: join(tree, 'rpk'), stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(dirname(tree), { recursive: true, force: true });
  return built.status === 0 ? join(peerCache, 'rpk') : null;
}

const work = mkdtempSync(join(tmpdir(), 'kfk-bench-'));
const dist = ensureKafka(kafkaVersion(process.env), process.env, log);
const java = (cls, a) => ['java', ...kafkaToolArgs(dist, cls, a)];
const kcat = findKcat();
const kaf = which('kaf');
const kafkactl = which('kafkactl');
const rpk = which('rpk') ?? buildRpk();
const node = process.execPath;
const kfkBin = join(root, 'bin/kfk.js');
const peers = {
  kfk: true,
  kcat: Boolean(kcat),
  'kafka-tools': true,
  'kafka-perf': true,
  rpk: Boolean(rpk),
  kaf: Boolean(kaf),
  kafkactl: Boolean(kafkactl),
};
log('bench: peers', JSON.stringify(peers));

// ---------- broker ----------
log('bench: starting a local Kafka');
const { state } = await startLocal({ dir: join(work, 'cluster'), brokers: 1, sasl: false, tls: false, acl: true, version: dist.version, env: process.env, log });
const B = state.bootstrap;
const client = new KafkaClient({ brokers: [B], clientId: 'kfk-bench', connectionTimeout: 3000, requestTimeout: 30000 });
const admin = await client.admin();
let topicSeq = 0;
async function freshTopic(prefix, on = admin, numPartitions = 1, replicationFactor = 1) {
  const topic = `${prefix}-${Date.now().toString(36)}-${topicSeq++}`;
  await on.createTopics({ topics: [{ topic, numPartitions, replicationFactor }], waitForLeaders: true });
  return topic;
}
async function endOffset(topic, on = admin) {
  const offs = await on.fetchTopicOffsets(topic);
  return offs.reduce((s, p) => s + Number(p.high), 0);
}

// ---------- data ----------
function makeData(n, file) {
  // n lines of 99 bytes + LF = 100 B records, deterministic.
  const out = Buffer.alloc(n * 100);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < n; i++) {
    const base = i * 100;
    const id = String(i).padStart(10, '0');
    out.write(id, base, 'latin1');
    for (let j = 10; j < 99; j++) out[base + j] = alphabet.charCodeAt((i * 7 + j) % alphabet.length);
    out[base + 99] = 10;
  }
  writeFileSync(file, out);
  return file;
}
const dataFile = makeData(RECORDS, join(work, `data-${RECORDS}.txt`));
/** The same lines with a key in front: `k0001234<TAB>`, 1000 distinct keys (murmur2 on every record). */
function makeKeyed(n, file) {
  const out = Buffer.alloc(n * 109);
  const plain = readFileSync(makeData(n, `${file}.plain`));
  for (let i = 0; i < n; i++) {
    out.write(`k${String(i % 1000).padStart(7, '0')}\t`, i * 109, 'latin1');
    plain.copy(out, i * 109 + 9, i * 100, i * 100 + 100);
  }
  writeFileSync(file, out);
  return file;
}

// ---------- running ----------
/**
 * Runs a command; returns wall ms, peak RSS MB and exit code. stdin is the file itself and stdout
 * a file (or /dev/null), as a shell redirect gives them: nothing is pumped through this process.
 */
function measure(argv, { stdin, stdout = '/dev/null', env = {}, limitMs = PER_RUN_LIMIT_MS } = {}) {
  return new Promise((resolve) => {
    const timeFile = join(work, 'time.txt');
    const inFd = stdin ? openSync(stdin, 'r') : 'ignore';
    // stdout 'pipe': read and dropped here (BENCH.md's consume target is "into a pipe").
    const outFd = stdout === 'pipe' ? 'pipe' : openSync(stdout, 'w');
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, ...argv], {
      stdio: [inFd, outFd, 'pipe'],
      env: { ...process.env, ...env },
    });
    if (outFd === 'pipe') child.stdout.resume();
    const sink = { end: (cb) => { if (typeof inFd === 'number') closeSync(inFd); if (typeof outFd === 'number') closeSync(outFd); cb(); } };
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKb = NaN;
      try {
        rssKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
      } catch {}
      sink.end(() => resolve({ ms, rssMb: rssKb / 1024, code, err: err.trim().split('\n').slice(-2).join(' | ') }));
    });
  });
}

/** Time from start until the first byte on stdout, then the process is stopped. */
function timeToFirst(argv, env = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let ms = NaN;
    child.stdout.once('data', () => {
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGTERM');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms, rssMb: NaN, code: Number.isNaN(ms) ? code : 0 });
    });
  });
}

// ---------- scenarios ----------
// kfk is run as an installed `kfk` is: the bin file itself, shell lines included (bin/kfk.js).
const kfk = (...a) => [kfkBin, ...a];
// Node reads NODE_EXTRA_CA_CERTS at every start, and kfk's bin defers it: where the environment
// sets it, bare node is also measured without it, and kfk run by `node bin/kfk.js` (which pays it).
const extraCa = process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: undefined } : undefined;
const extraCaPeers = (...a) =>
  extraCa
    ? {
        'bare node, no NODE_EXTRA_CA_CERTS': () => ({ argv: [node, '-e', '0'], env: extraCa }),
        'node bin/kfk.js': () => ({ argv: [node, kfkBin, ...a] }),
      }
    : {};
const codecArgs = {
  none: { kfk: [], kcat: [], java: [], rpk: [], perf: [] },
  lz4: { kfk: ['--compression-codec', 'lz4'], kcat: ['-z', 'lz4'], java: ['--compression-codec', 'lz4'], rpk: ['-z', 'lz4'], perf: ['compression.type=lz4'] },
  zstd: { kfk: ['--compression-codec', 'zstd'], kcat: ['-z', 'zstd'], java: ['--compression-codec', 'zstd'], rpk: ['-z', 'zstd'], perf: ['compression.type=zstd'] },
};

let describeTopic;
let consumeTopic;
const scenarios = [];
const add = (name, unit, tools, opts = {}) => scenarios.push({ name, unit, tools, ...opts });

add('startup-help', 'ms', {
  kfk: () => ({ argv: kfk('--help') }),
  'bare node': () => ({ argv: [node, '-e', '0'] }),
  ...extraCaPeers('--help'),
  kcat: kcat && (() => ({ argv: [kcat, '-V'] })),
  // TopicCommand prints its usage and exits 1 for --help.
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.TopicCommand', ['--help']), okCodes: [0, 1] }),
  rpk: rpk && (() => ({ argv: [rpk, '--help'] })),
  kaf: kaf && (() => ({ argv: [kaf, '--help'] })),
  kafkactl: kafkactl && (() => ({ argv: [kafkactl, '--help'] })),
});
add('startup-version', 'ms', {
  kfk: () => ({ argv: kfk('--version') }),
  kcat: kcat && (() => ({ argv: [kcat, '-V'] })),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.TopicCommand', ['--version']) }),
  rpk: rpk && (() => ({ argv: [rpk, 'version'] })),
  kafkactl: kafkactl && (() => ({ argv: [kafkactl, 'version'] })),
});
// Beside Node's start, the least a Node program does for the same list (bench/node-floor.cjs: a
// raw socket, ApiVersions and Metadata, no configuration or client library): the floor under
// kfk's start target, in the same run.
const FLOOR = 'bare node, raw socket (ApiVersions, Metadata)';
// Below that: Node opening a TCP connection to the broker and closing it, no request at all.
const CONNECT = 'bare node, TCP connect only';
add('topic-list', 'ms', {
  kfk: () => ({ argv: kfk('topic', 'list', '--bootstrap-server', B) }),
  'bare node': () => ({ argv: [node, '-e', '0'] }),
  ...extraCaPeers('topic', 'list', '--bootstrap-server', B),
  [FLOOR]: () => ({ argv: [node, join(root, 'bench/node-floor.cjs'), B], env: extraCa }),
  [CONNECT]: () => ({ argv: [node, join(root, 'bench/node-floor.cjs'), B, '--connect-only'], env: extraCa }),
  kcat: kcat && (() => ({ argv: [kcat, '-L', '-b', B, '-q'] })),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', B, '--list']) }),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'list', '-X', `brokers=${B}`] })),
  kaf: kaf && (() => ({ argv: [kaf, 'topics', '-b', B] })),
  kafkactl: kafkactl && (() => ({ argv: [kafkactl, 'get', 'topics'], env: { BROKERS: B } })),
});
add('topic-describe', 'ms', {
  kfk: () => ({ argv: kfk('topic', 'describe', '--bootstrap-server', B, '--topic', describeTopic) }),
  kcat: kcat && (() => ({ argv: [kcat, '-L', '-b', B, '-t', describeTopic] })),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', B, '--describe', '--topic', describeTopic]) }),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'describe', describeTopic, '-X', `brokers=${B}`] })),
  kaf: kaf && (() => ({ argv: [kaf, 'topic', 'describe', describeTopic, '-b', B] })),
  kafkactl: kafkactl && (() => ({ argv: [kafkactl, 'describe', 'topic', describeTopic], env: { BROKERS: B } })),
}, { setup: async () => { describeTopic ??= await freshTopic('bench-describe'); } });

// ACLs are enforced on the bench broker (PLAINTEXT's ANONYMOUS is a super user).
add('acl-list', 'ms', {
  kfk: () => ({ argv: kfk('acl', 'list', '--bootstrap-server', B, '--topic', describeTopic) }),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.AclCommand', ['--bootstrap-server', B, '--list', '--topic', describeTopic]) }),
  rpk: rpk && (() => ({ argv: [rpk, 'security', 'acl', 'list', '--topic', describeTopic, '-X', `brokers=${B}`] })),
}, { setup: async () => { describeTopic ??= await freshTopic('bench-describe'); } });

// The runbook commands that only read: kfk and Kafka's tool, one call each.
const runbookRows = [
  ['cluster-quorum', ['cluster', 'quorum'], 'org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', '@B', 'describe', '--status']],
  ['cluster-features', ['cluster', 'features'], 'org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', '@B', 'describe']],
  ['log-dirs-describe', ['log-dirs', 'describe'], 'org.apache.kafka.tools.LogDirsCommand', ['--bootstrap-server', '@B', '--describe']],
  ['transaction-list', ['transaction', 'list'], 'org.apache.kafka.tools.TransactionsCommand', ['--bootstrap-server', '@B', 'list']],
  ['reassign-list', ['partition', 'reassign', 'list'], 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', '@B', '--list']],
  ['quota-describe', ['quota', 'describe', '--client-default'], 'org.apache.kafka.tools.ConfigCommand', ['--bootstrap-server', '@B', '--describe', '--entity-type', 'clients', '--entity-default']],
  ['user-scram-describe', ['user', 'scram', 'describe'], 'org.apache.kafka.tools.ConfigCommand', ['--bootstrap-server', '@B', '--describe', '--entity-type', 'users']],
  ['features-version-mapping', ['cluster', 'features', '--version-mapping'], 'org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', '@B', 'version-mapping']],
  ['cluster-id', ['cluster', 'id'], 'org.apache.kafka.tools.ClusterTool', ['cluster-id', '--bootstrap-server', '@B']],
  // Every partition already led by its preferred replica: no election, the answer printed.
  ['leader-election', ['partition', 'elect-leaders', '--all-topic-partitions'], 'org.apache.kafka.tools.LeaderElectionCommand', ['--bootstrap-server', '@B', '--election-type', 'PREFERRED', '--all-topic-partitions']],
];
for (const [name, kfkArgs, cls, javaArgs] of runbookRows) {
  add(name, 'ms', {
    kfk: () => ({ argv: kfk(...kfkArgs, '--bootstrap-server', B) }),
    'kafka-tools': () => ({ argv: java(cls, javaArgs.map((a) => (a === '@B' ? B : a))) }),
  });
}

// Records before offset 0 of a topic of its own: the same request and answer at every run.
let deleteFile;
add('records-delete', 'ms', {
  kfk: () => ({ argv: kfk('records', 'delete', '--bootstrap-server', B, '--offset-json-file', deleteFile) }),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.DeleteRecordsCommand', ['--bootstrap-server', B, '--offset-json-file', deleteFile]) }),
}, {
  setup: async () => {
    if (deleteFile) return;
    const topic = await freshTopic('bench-delete');
    deleteFile = join(work, 'delete-records.json');
    writeFileSync(deleteFile, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, offset: 0 }] }));
  },
});

for (const codec of ['none', 'lz4', 'zstd']) {
  const c = codecArgs[codec];
  add(`produce-${codec}`, 'records', {
    kfk: (t) => ({ argv: kfk('produce', '--bootstrap-server', B, '--topic', t, ...c.kfk), stdin: dataFile }),
    kcat: kcat && ((t) => ({ argv: [kcat, '-P', '-b', B, '-t', t, '-l', ...c.kcat, dataFile] })),
    'kafka-tools': (t) => ({ argv: java('org.apache.kafka.tools.ConsoleProducer', ['--bootstrap-server', B, '--topic', t, ...c.java]), stdin: dataFile }),
    // Kafka's load generator: the same count and size, payloads from the same data file.
    'kafka-perf': (t) => ({ argv: java('org.apache.kafka.tools.ProducerPerformance', ['--topic', t, '--num-records', String(RECORDS), '--payload-file', dataFile, '--throughput', '-1', '--producer-props', `bootstrap.servers=${B}`, ...c.perf]) }),
    rpk: rpk && ((t) => ({ argv: [rpk, 'topic', 'produce', t, '-X', `brokers=${B}`, ...c.rpk], stdin: dataFile })),
  }, { perRunTopic: true, verifyCount: RECORDS, note: 'kaf and kafkactl send one request per record (over 300 s for 1M in BENCH.md): not run' });
}

add('consume', 'records', {
  kfk: () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning', '--max-messages', String(RECORDS)) }),
  kcat: kcat && (() => ({ argv: [kcat, '-C', '-b', B, '-t', consumeTopic, '-o', 'beginning', '-c', String(RECORDS), '-q'] })),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.consumer.ConsoleConsumer', ['--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning', '--max-messages', String(RECORDS)]) }),
  'kafka-perf': () => ({ argv: java('org.apache.kafka.tools.ConsumerPerformance', ['--bootstrap-server', B, '--topic', consumeTopic, '--messages', String(RECORDS)]) }),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'consume', consumeTopic, '-X', `brokers=${B}`, '-o', 'start', '-n', String(RECORDS), '-f', '%v\\n'] })),
  kaf: kaf && (() => ({ argv: [kaf, 'consume', consumeTopic, '-b', B, '--offset', 'oldest', '--limit-messages', String(RECORDS), '--raw'] })),
}, { stdout: 'pipe', setup: async () => { consumeTopic ??= await loadedTopic(); } });

// From start to the first byte on stdout (target for kfk: at most 100 ms on a local broker), as
// a user reading the topic sees it: no record count, so that what the tool does before its first
// write with a whole fetched set (decode, buffer) counts; the process is stopped at that byte.
add('first-record', 'ms', {
  kfk: () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning'), first: true }),
  'bare node': () => ({ argv: [node, '-e', 'process.stdout.write("x")'], env: extraCa, first: true }),
  kcat: kcat && (() => ({ argv: [kcat, '-C', '-b', B, '-t', consumeTopic, '-o', 'beginning', '-q'], first: true })),
  'kafka-tools': () => ({ argv: java('org.apache.kafka.tools.consumer.ConsoleConsumer', ['--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning']), first: true }),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'consume', consumeTopic, '-X', `brokers=${B}`, '-o', 'start', '-f', '%v\\n'], first: true })),
}, { setup: async () => { consumeTopic ??= await loadedTopic(); } });

// The same topic read by a consumer group (a fresh group each run), and read to its end with -e.
// Each also runs the job its kfk row is compared with (kfk's consume row), alternating with it:
// a ratio of two scenarios run minutes apart moved with the machine's load in between (keyed /
// unkeyed produce 0.98x in one run, 1.34-1.79x in others).
let groupSeq = 0;
const NO_GROUP = 'kfk without --group';
const MAX_MESSAGES = 'kfk --max-messages';
const plainConsume = () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning', '--max-messages', String(RECORDS)) });
add('consume-group', 'records', {
  kfk: () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--group', `bench-g-${Date.now().toString(36)}-${groupSeq++}`, '--from-beginning', '--max-messages', String(RECORDS)) }),
  [NO_GROUP]: plainConsume,
  kcat: kcat && (() => ({ argv: [kcat, '-b', B, '-G', `bench-g-${Date.now().toString(36)}-${groupSeq++}`, '-X', 'auto.offset.reset=earliest', '-c', String(RECORDS), '-q', consumeTopic] })),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'consume', consumeTopic, '-X', `brokers=${B}`, '-g', `bench-g-${Date.now().toString(36)}-${groupSeq++}`, '-o', 'start', '-n', String(RECORDS), '-f', '%v\n'] })),
}, { stdout: 'pipe', setup: async () => { consumeTopic ??= await loadedTopic(); }, note: 'kfk/consume ratio below, from the row beside it' });
add('consume-e', 'records', {
  kfk: () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning', '-e') }),
  [MAX_MESSAGES]: plainConsume,
  kcat: kcat && (() => ({ argv: [kcat, '-C', '-b', B, '-t', consumeTopic, '-o', 'beginning', '-e', '-q'] })),
}, { stdout: 'pipe', setup: async () => { consumeTopic ??= await loadedTopic(); }, note: 'to the end offset as of start (-e); ratio below, from the row beside it' });

// --big: the same jobs with 10M records, once each, to see whether peak RSS stays flat (compare
// with the 1M rows above) or grows with the input.
if (BIG) {
  const big = RECORDS * 10;
  let bigFile;
  let bigTopic;
  const needBig = async () => {
    bigFile ??= makeData(big, join(work, `data-${big}.txt`));
    if (!bigTopic) {
      bigTopic = await freshTopic('bench-consume-big');
      const r = await measure(kcat ? [kcat, '-P', '-b', B, '-t', bigTopic, '-l', bigFile] : kfk('produce', '--bootstrap-server', B, '--topic', bigTopic), { stdin: kcat ? undefined : bigFile });
      if (r.code !== 0 || (await endOffset(bigTopic)) !== big) throw new Error('bench: could not load the 10M topic');
    }
  };
  add('produce-10m', 'records', {
    kfk: (t) => ({ argv: kfk('produce', '--bootstrap-server', B, '--topic', t), stdin: bigFile }),
    kcat: kcat && ((t) => ({ argv: [kcat, '-P', '-b', B, '-t', t, '-l', bigFile] })),
  }, { perRunTopic: true, verifyCount: big, reps: 1, noWarmup: true, records: big, setup: needBig });
  add('consume-10m', 'records', {
    kfk: () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', bigTopic, '--from-beginning', '--max-messages', String(big)) }),
    kcat: kcat && (() => ({ argv: [kcat, '-C', '-b', B, '-t', bigTopic, '-o', 'beginning', '-c', String(big), '-q'] })),
  }, { stdout: 'pipe', reps: 1, noWarmup: true, records: big, setup: needBig });
}

// A 3-broker cluster: 12 partitions, RF 3, acks=all (kfk's and kcat's default; rpk's too),
// 2M records (10M with --big), started when its first scenario runs.
const N3 = BIG ? RECORDS * 10 : RECORDS * 2;
let c3;
let file3;
let keyed3;
let consume3Topic;
const need3 = async () => {
  if (!c3) {
    log('bench: starting a 3-broker Kafka');
    const { state: st } = await startLocal({ dir: join(work, 'cluster3'), brokers: 3, sasl: false, tls: false, acl: false, version: dist.version, env: process.env, log });
    const cl = new KafkaClient({ brokers: st.bootstrap.split(','), clientId: 'kfk-bench', connectionTimeout: 3000, requestTimeout: 30000 });
    c3 = { B: st.bootstrap, client: cl, admin: await cl.admin() };
  }
  file3 ??= makeData(N3, join(work, `data3-${N3}.txt`));
};
const topic3 = async (prefix) => freshTopic(prefix, c3.admin, 12, 3);
add('produce-3b', 'records', {
  kfk: (t) => ({ argv: kfk('produce', '--bootstrap-server', c3.B, '--topic', t), stdin: file3 }),
  kcat: kcat && ((t) => ({ argv: [kcat, '-P', '-b', c3.B, '-t', t, '-X', 'acks=all', '-l', file3] })),
  rpk: rpk && ((t) => ({ argv: [rpk, 'topic', 'produce', t, '-X', `brokers=${c3.B}`, '--acks', '-1'], stdin: file3 })),
}, { perRunTopic: topic3, verifyCount: N3, verifyAdmin: () => c3.admin, records: N3, reps: BIG ? 1 : undefined, noWarmup: BIG, setup: need3, note: `3 brokers, 12 partitions, RF 3, acks=all, ${N3.toLocaleString('en')} x 100 B` });
// kfk's unkeyed job beside the keyed one, as for consume-group and consume-e.
const UNKEYED = 'kfk unkeyed';
add('produce-3b-keyed', 'records', {
  kfk: (t) => ({ argv: kfk('produce', '--bootstrap-server', c3.B, '--topic', t, '--property', 'parse.key=true'), stdin: keyed3 }),
  [UNKEYED]: (t) => ({ argv: kfk('produce', '--bootstrap-server', c3.B, '--topic', t), stdin: file3 }),
  kcat: kcat && ((t) => ({ argv: [kcat, '-P', '-b', c3.B, '-t', t, '-X', 'acks=all', '-K', '\t', '-l', keyed3] })),
  rpk: rpk && ((t) => ({ argv: [rpk, 'topic', 'produce', t, '-X', `brokers=${c3.B}`, '--acks', '-1', '-f', '%k\t%v\n'], stdin: keyed3 })),
}, {
  perRunTopic: topic3,
  verifyCount: N3,
  verifyAdmin: () => c3.admin,
  records: N3,
  reps: BIG ? 1 : undefined,
  noWarmup: BIG,
  setup: async () => {
    await need3();
    keyed3 ??= makeKeyed(N3, join(work, `keyed3-${N3}.txt`));
  },
  note: 'the same values with 1000 distinct 8-byte keys (murmur2 per record)',
});
add('consume-3b', 'records', {
  kfk: () => ({ argv: kfk('consume', '--bootstrap-server', c3.B, '--topic', consume3Topic, '--from-beginning', '--max-messages', String(N3)) }),
  kcat: kcat && (() => ({ argv: [kcat, '-C', '-b', c3.B, '-t', consume3Topic, '-o', 'beginning', '-c', String(N3), '-q'] })),
  rpk: rpk && (() => ({ argv: [rpk, 'topic', 'consume', consume3Topic, '-X', `brokers=${c3.B}`, '-o', 'start', '-n', String(N3), '-f', '%v\n'] })),
}, {
  stdout: 'pipe',
  records: N3,
  reps: BIG ? 1 : undefined,
  noWarmup: BIG,
  setup: async () => {
    await need3();
    if (!consume3Topic) {
      consume3Topic = await topic3('bench-consume3');
      const r = await measure(kcat ? [kcat, '-P', '-b', c3.B, '-t', consume3Topic, '-l', file3] : kfk('produce', '--bootstrap-server', c3.B, '--topic', consume3Topic), { stdin: kcat ? undefined : file3 });
      if (r.code !== 0 || (await endOffset(consume3Topic, c3.admin)) !== N3) throw new Error('bench: could not load the 3-broker consume topic');
    }
  },
});

// Schema Registry: Avro records of five fields (about 100 B framed) against Confluent's Python
// client with its Avro serializers (the venv .ci/run makes), with kfk's plain-bytes figure of the
// same count beside them (the data file above). Apicurio Registry is started as `kfk local start
// --schema-registry` starts it; without a Java 21+ or the venv those rows say so.
const AVRO_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'User',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'active', type: 'boolean' },
  ],
});
const venvPython = join(process.env.KFK_CACHE_DIR ?? join(homedir(), '.cache', 'kfk'), 'confluent-venv', 'bin', 'python');
const confluentPython = process.env.KFK_TEST_PYTHON ?? (existsSync(venvPython) ? venvPython : null);
const confluentScript = join(root, 'bench/confluent_avro.py');
let registryUrl;
let avroFile;
let avroSchemaFile;
let avroTopic;
const registryDir = join(work, 'registry');
const needRegistry = async () => {
  if (registryUrl === undefined) {
    const { spawnRegistry } = await import(join(root, 'dist/local/registry.js'));
    try {
      mkdirSync(registryDir, { recursive: true });
      const r = await spawnRegistry({ dir: registryDir, env: process.env, log });
      await r.ready;
      registryUrl = r.state.url;
    } catch (err) {
      log(`bench: no Schema Registry: ${err.message}`);
      registryUrl = null;
    }
  }
  if (!avroFile) {
    avroSchemaFile = join(work, 'user.avsc');
    writeFileSync(avroSchemaFile, AVRO_SCHEMA);
    // JSON lines of the records: 1M x about 140 B of JSON, about 100 B as framed Avro.
    const alpha = 'abcdefghijklmnopqrstuvwxyz';
    const parts = [];
    let chunk = '';
    for (let i = 0; i < RECORDS; i++) {
      const name = `user ${alpha.slice(i % 20)}${alpha}`.slice(0, 30);
      const email = `${`u${i}.${alpha}${alpha}`.slice(0, 36)}@example.org`;
      chunk += JSON.stringify({ id: i, name, email, score: (i % 1000) / 8, active: i % 3 === 0 }) + '\n';
      if (chunk.length > 1 << 20) {
        parts.push(chunk);
        chunk = '';
      }
    }
    parts.push(chunk);
    avroFile = join(work, `avro-${RECORDS}.jsonl`);
    writeFileSync(avroFile, parts.join(''));
  }
};
const withRegistry = (make) => (t) => (registryUrl ? make(t) : { argv: ['false'], missing: true });
const kfkAvro = (...a) => [kfkBin, ...a, '--schema-registry-url', registryUrl, '--value-format', 'avro'];
add('produce-avro', 'records', {
  kfk: withRegistry((t) => ({ argv: kfkAvro('produce', '--bootstrap-server', B, '--topic', t, '--value-schema-file', avroSchemaFile), stdin: avroFile })),
  'kfk plain bytes': (t) => ({ argv: kfk('produce', '--bootstrap-server', B, '--topic', t), stdin: dataFile }),
  'confluent-kafka (Python)': confluentPython && withRegistry((t) => ({ argv: [confluentPython, confluentScript, 'produce', B, t, registryUrl, avroSchemaFile], stdin: avroFile })),
}, { perRunTopic: true, verifyCount: RECORDS, setup: needRegistry, limitMs: 900_000, note: 'JSON lines to Avro (5 fields, about 100 B framed); targets: kfk at least 3x faster than Confluent\'s Python client, within 2x of kfk plain bytes, at most 150 MB' });
add('consume-avro', 'records', {
  kfk: withRegistry(() => ({ argv: kfkAvro('consume', '--bootstrap-server', B, '--topic', avroTopic, '--from-beginning', '--max-messages', String(RECORDS)) })),
  'kfk plain bytes': () => ({ argv: kfk('consume', '--bootstrap-server', B, '--topic', consumeTopic, '--from-beginning', '--max-messages', String(RECORDS)) }),
  'confluent-kafka (Python)': confluentPython && withRegistry(() => ({ argv: [confluentPython, confluentScript, 'consume', B, avroTopic, registryUrl, String(RECORDS)] })),
}, {
  stdout: 'pipe',
  // The Python client takes minutes for 1M records on a busy machine.
  limitMs: 900_000,
  setup: async () => {
    await needRegistry();
    consumeTopic ??= await loadedTopic();
    if (registryUrl && !avroTopic) {
      avroTopic = await freshTopic('bench-consume-avro');
      const r = await measure(kfkAvro('produce', '--bootstrap-server', B, '--topic', avroTopic, '--value-schema-file', avroSchemaFile), { stdin: avroFile });
      if (r.code !== 0 || (await endOffset(avroTopic)) !== RECORDS) throw new Error(`bench: could not load the Avro topic: ${r.err}`);
    }
  },
  note: 'Avro to JSON lines into a pipe; same targets',
});

async function loadedTopic() {
  const t = await freshTopic('bench-consume');
  const r = await measure(kcat ? [kcat, '-P', '-b', B, '-t', t, '-l', dataFile] : kfk('produce', '--bootstrap-server', B, '--topic', t), { stdin: kcat ? undefined : dataFile });
  if (r.code !== 0 || (await endOffset(t)) !== RECORDS) throw new Error('bench: could not load the consume topic');
  return t;
}

// ---------- run ----------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const results = [];
for (const sc of scenarios) {
  if (ONLY && !ONLY.includes(sc.name)) continue;
  if (sc.setup) await sc.setup();
  const toolNames = Object.keys(sc.tools).filter((t) => !TOOLS || TOOLS.includes(t) || t.includes('node') || (t.startsWith('kfk ') && TOOLS.includes('kfk')));
  const runs = Object.fromEntries(toolNames.map((t) => [t, []]));
  const failures = Object.fromEntries(toolNames.map((t) => [t, []]));
  const missing = new Set();
  log(`bench: ${sc.name}`);
  for (let rep = sc.noWarmup ? 0 : -1; rep < (sc.reps ?? REPS); rep++) {
    // alternate the order each repetition so no tool always runs first
    const order = rep % 2 ? toolNames : [...toolNames].reverse();
    for (const tool of order) {
      const make = sc.tools[tool];
      if (!make) continue;
      const topic = typeof sc.perRunTopic === 'function' ? await sc.perRunTopic(`bench-${sc.name}`) : sc.perRunTopic ? await freshTopic(`bench-${sc.name}`) : undefined;
      const spec = make(topic);
      if (spec.missing) {
        missing.add(tool);
        continue;
      }
      const r = spec.first ? await timeToFirst(spec.argv, spec.env) : await measure(spec.argv, { stdin: spec.stdin, env: spec.env, stdout: sc.stdout, limitMs: sc.limitMs });
      let ok = (spec.okCodes ?? [0]).includes(r.code);
      if (ok && sc.verifyCount && topic) {
        const got = await endOffset(topic, sc.verifyAdmin?.());
        if (got !== sc.verifyCount) {
          ok = false;
          r.err = `delivered ${got} of ${sc.verifyCount}`;
        }
      }
      // A run's own topic goes once counted: kept, the topics of every run of a scenario (200 MB
      // each on 3 brokers with RF 3) fill the brokers' heaps and disks until they stall.
      if (topic && sc.perRunTopic) await (sc.verifyAdmin?.() ?? admin).deleteTopics({ topics: [topic] }).catch(() => {});
      if (rep < 0) continue; // warm-up
      if (ok) runs[tool].push(r);
      else failures[tool].push(r.err || `exit ${r.code}`);
    }
  }
  const summary = {};
  for (const tool of toolNames) {
    if (!sc.tools[tool] || missing.has(tool)) {
      summary[tool] = { missing: true };
      continue;
    }
    const ms = runs[tool].map((r) => r.ms);
    const rss = runs[tool].map((r) => r.rssMb).filter((x) => !Number.isNaN(x));
    summary[tool] = ms.length
      ? {
          medianMs: median(ms),
          minMs: Math.min(...ms),
          maxMs: Math.max(...ms),
          peakRssMb: rss.length ? Math.max(...rss) : null,
          recordsPerSec: sc.unit === 'records' ? (sc.records ?? RECORDS) / (median(ms) / 1000) : undefined,
          mbPerSec: sc.unit === 'records' ? ((sc.records ?? RECORDS) * 100) / 1e6 / (median(ms) / 1000) : undefined,
          runs: ms.length,
          failures: failures[tool],
        }
      : { failed: failures[tool] };
  }
  results.push({ scenario: sc.name, unit: sc.unit, note: sc.note, tools: summary });
  log(`bench: ${sc.name} ${JSON.stringify(Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, v.medianMs ? Math.round(v.medianMs) : v.missing ? 'missing' : 'failed'])))}`);
}

// ---------- report ----------
await client.close();
await stopLocal(join(work, 'cluster'));
if (registryUrl) await (await import(join(root, 'dist/local/registry.js'))).stopRegistry(registryDir);
if (c3) {
  await c3.client.close();
  await stopLocal(join(work, 'cluster3'));
}
const date = new Date().toISOString().slice(0, 10);
const outDir = join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });
const meta = { date, records: RECORDS, recordBytes: 100, reps: REPS, kafka: dist.version, node: process.version, nodeExtraCaCerts: Boolean(extraCa), peers };
writeFileSync(join(outDir, `${date}.json`), JSON.stringify({ ...meta, results }, null, 2) + '\n');

const fmtMs = (v) => (v === undefined ? '' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
let md = `# kfk benchmarks, ${date}\n\nOne local Kafka ${dist.version} broker on loopback, ${RECORDS.toLocaleString('en')} records of 100 B, one partition; `;
md += `median of ${REPS} runs after a warm-up, tools alternating (min-max in brackets). Ratio = kfk / peer wall time (below 1: kfk faster).\n`;
md += `Reproduce: \`npm run bench\`. Node ${process.version}.`;
if (extraCa) md += ' NODE_EXTRA_CA_CERTS is set here: Node loads that file at every start, and kfk reads it only for a TLS connection; the rows "bare node, no NODE_EXTRA_CA_CERTS" and "node bin/kfk.js" show both sides of that.';
md += '\n\n';
md += '| scenario | tool | median | spread | peak RSS | records/s | kfk/peer |\n|---|---|---|---|---|---|---|\n';
for (const r of results) {
  const mine = r.tools.kfk?.medianMs;
  for (const [tool, v] of Object.entries(r.tools)) {
    if (v.missing) md += `| ${r.scenario} | ${tool} | missing | | | | |\n`;
    else if (v.failed) md += `| ${r.scenario} | ${tool} | failed: ${v.failed[0] ?? ''} | | | | |\n`;
    else {
      const ratio = tool === 'kfk' || !mine ? '' : `${(mine / v.medianMs).toFixed(2)}x`;
      md += `| ${r.scenario} | ${tool} | ${fmtMs(v.medianMs)} | ${fmtMs(v.minMs)}-${fmtMs(v.maxMs)} | ${v.peakRssMb ? `${Math.round(v.peakRssMb)} MB` : ''} | ${v.recordsPerSec ? Math.round(v.recordsPerSec).toLocaleString('en') : ''} | ${ratio} |\n`;
    }
  }
  if (r.note) md += `| ${r.scenario} | | ${r.note} | | | | |\n`;
}
// kfk against itself: what a key, a group and end detection cost.
const kfkMs = (name) => results.find((r) => r.scenario === name)?.tools.kfk?.medianMs;
// From the row run beside kfk's in its scenario; from the other scenario when that row was not run.
const pairs = [
  ['produce-3b-keyed', 'produce-3b', 'keyed produce / unkeyed (target at most 1.1x)', UNKEYED],
  ['consume-group', 'consume', 'consume --group / group-less (target at most 1.1x)', NO_GROUP],
  ['consume-e', 'consume', 'consume -e / --max-messages (target at most 1.1x)', MAX_MESSAGES],
].map(([a, b, what, beside]) => {
  const besideMs = results.find((r) => r.scenario === a)?.tools[beside]?.medianMs;
  return [a, b, what, besideMs && kfkMs(a) ? kfkMs(a) / besideMs : undefined];
});
// Avro against plain bytes, both measured in the same scenario.
for (const name of ['produce-avro', 'consume-avro']) {
  const r = results.find((x) => x.scenario === name);
  const plainMs = r?.tools['kfk plain bytes']?.medianMs;
  if (r?.tools.kfk?.medianMs && plainMs) pairs.push([name, null, `${name} / kfk plain bytes (target at most 2x)`, r.tools.kfk.medianMs / plainMs]);
}
const own = pairs.filter(([a, b, , ratio]) => ratio !== undefined || (kfkMs(a) && kfkMs(b)));
// kfk's start against Node's own in the same scenario (NODE_EXTRA_CA_CERTS unset for node, as
// kfk's bin defers that file).
const bareMs = (name) => {
  const t = results.find((r) => r.scenario === name)?.tools;
  return (t?.['bare node, no NODE_EXTRA_CA_CERTS'] ?? t?.['bare node'])?.medianMs;
};
const starts = [
  ['startup-help', 'kfk --help / node -e 0 (target at most 1.15x)'],
  ['topic-list', 'kfk topic list / node -e 0 (target at most 1.3x)'],
].filter(([name]) => kfkMs(name) && bareMs(name));
if (own.length || starts.length) {
  md += '\n| kfk against itself and Node | ratio |\n|---|---|\n';
  for (const [a, b, what, ratio] of own) md += `| ${what} | ${(ratio ?? kfkMs(a) / kfkMs(b)).toFixed(2)}x |\n`;
  // What a key costs the peers on the same cluster: the brokers take more, smaller batches.
  const toolMs = (name, tool) => results.find((r) => r.scenario === name)?.tools[tool]?.medianMs;
  for (const tool of ['kcat', 'rpk']) {
    const keyed = toolMs('produce-3b-keyed', tool);
    const unkeyed = toolMs('produce-3b', tool);
    if (keyed && unkeyed) md += `| ${tool}, beside it: keyed produce / unkeyed | ${(keyed / unkeyed).toFixed(2)}x |\n`;
  }
  for (const [name, what] of starts) md += `| ${what} | ${(kfkMs(name) / bareMs(name)).toFixed(2)}x |\n`;
  const floorMs = results.find((r) => r.scenario === 'topic-list')?.tools[FLOOR]?.medianMs;
  if (floorMs && bareMs('topic-list')) md += `| Node alone listing topics over a raw socket / node -e 0 (the floor under the topic list target) | ${(floorMs / bareMs('topic-list')).toFixed(2)}x |\n`;
  const connectMs = results.find((r) => r.scenario === 'topic-list')?.tools[CONNECT]?.medianMs;
  if (connectMs && bareMs('topic-list')) md += `| Node opening and closing a TCP connection to the broker / node -e 0 | ${(connectMs / bareMs('topic-list')).toFixed(2)}x |\n`;
}
writeFileSync(join(outDir, `${date}.md`), md);
copyFileSync(join(outDir, `${date}.md`), join(outDir, 'latest.md'));

// chart: one bar group per scenario, wall time relative to kfk (log scale), as SVG
const colors = { kfk: '#2b7a0b', 'bare node': '#999', [FLOOR]: '#bbb', 'bare node, no NODE_EXTRA_CA_CERTS': '#ccc', 'node bin/kfk.js': '#8fbc8f', kcat: '#1f77b4', 'kafka-tools': '#d62728', rpk: '#9467bd', kaf: '#8c564b', kafkactl: '#e377c2', 'kfk plain bytes': '#7fbf7f', 'kfk unkeyed': '#7fbf7f', 'kfk without --group': '#7fbf7f', 'kfk --max-messages': '#7fbf7f', 'confluent-kafka (Python)': '#ff7f0e' };
const rows = results.filter((r) => r.tools.kfk?.medianMs);
const W = 900, rowH = 26, left = 150;
let y = 40;
let svg = '';
const logx = (ratio) => left + ((Math.log10(ratio) + 1.5) / 3.5) * (W - left - 40);
for (const r of rows) {
  const mine = r.tools.kfk.medianMs;
  svg += `<text x="10" y="${y + 14}" font-size="13">${r.scenario}</text>`;
  for (const [tool, v] of Object.entries(r.tools)) {
    if (!v.medianMs) continue;
    const ratio = v.medianMs / mine;
    svg += `<rect x="${left}" y="${y}" width="${Math.max(1, logx(ratio) - left)}" height="${rowH - 8}" fill="${colors[tool] ?? '#555'}"/>`;
    svg += `<text x="${logx(ratio) + 4}" y="${y + 13}" font-size="11">${tool} ${ratio.toFixed(2)}x</text>`;
    y += rowH - 6;
  }
  y += 12;
}
const x1 = logx(1);
svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 20}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>` +
  `<text x="10" y="22" font-size="15" font-weight="bold">Wall time relative to kfk (log scale; right of the line: slower than kfk)</text>` +
  `<line x1="${x1}" y1="30" x2="${x1}" y2="${y}" stroke="#000" stroke-dasharray="4"/>` + svg + '</svg>\n';
writeFileSync(join(outDir, `${date}.svg`), svg);
copyFileSync(join(outDir, `${date}.svg`), join(outDir, 'latest.svg'));
rmSync(work, { recursive: true, force: true });
process.stdout.write(md);
process.exit(0);
