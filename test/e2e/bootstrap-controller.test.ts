// --bootstrap-controller (KIP-919) for kafka-acls and kafka-reassign-partitions --list/--cancel,
// and kafka-configs on a broker that is not there, against Kafka 4.4's own tools on the shared
// test broker (ACLs enforced; combined broker and controller). Same command line, same cluster
// state: stdout byte for byte, the error lines and the exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName, type RunResult } from '../helpers/cli.js';
import { dropIn, realScript } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const BS = ['--bootstrap-server', cluster.bootstrap];
const BC = ['--bootstrap-controller', `127.0.0.1:${cluster.nodes[0].controllerPort}`];
const dir = mkdtempSync(join(tmpdir(), 'kfk-bootstrap-ctl-'));

const real = realScript;
const ours = dropIn;
const seen = (r: RunResult) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** Runs `run` until `done` holds (a change made through the controller reaches the broker a moment later). */
async function until(run: () => Promise<RunResult>, done: (r: RunResult) => boolean): Promise<RunResult> {
  let r = await run();
  for (let i = 0; i < 50 && !done(r); i++) {
    await new Promise((res) => setTimeout(res, 100));
    r = await run();
  }
  return r;
}

describe('kafka-acls and kfk acl with --bootstrap-controller', () => {
  it('ACLs added through the controller are the broker’s, by either tool; kfk acl lists and deletes them there', async () => {
    const [a, b] = [uniqueName('ctl-acl-a'), uniqueName('ctl-acl-b')];
    const add = (t: string) => [...BC, '--add', '--allow-principal', 'User:carol', '--operation', 'Write', '--topic', t];
    const [ra, oa] = await Promise.all([real('kafka-acls', add(a)), ours('kafka-acls', add(b))]);
    expect(ra.code, ra.stderr).toBe(0);
    const adding = (t: string) => `Adding ACLs for resource \`ResourcePattern(resourceType=TOPIC, name=${t}, patternType=LITERAL)\`: \n \t(principal=User:carol, host=*, operation=WRITE, permissionType=ALLOW)\n\n`;
    expect(ra.stdout).toBe(adding(a));
    expect(seen(oa)).toEqual({ code: 0, stdout: adding(b), stderr: '' });

    // Each tool, through the broker, lists what the other added through the controller.
    const current = (t: string) => `Current ACLs for resource \`ResourcePattern(resourceType=TOPIC, name=${t}, patternType=LITERAL)\`:\n\t(principal=User:carol, host=*, operation=WRITE, permissionType=ALLOW)\n\n`;
    const ol = await until(() => ours('kafka-acls', [...BS, '--list', '--topic', a]), (r) => r.stdout !== '');
    const rl = await until(() => real('kafka-acls', [...BS, '--list', '--topic', b]), (r) => r.stdout !== '');
    expect(seen(ol)).toEqual({ code: 0, stdout: current(a), stderr: '' });
    expect(rl.code).toBe(0);
    expect(rl.stdout).toBe(current(b));
    // And through the controller, the same bytes.
    const [rc, oc] = await Promise.all([real('kafka-acls', [...BC, '--list', '--topic', a]), ours('kafka-acls', [...BC, '--list', '--topic', a])]);
    expect(seen(oc)).toEqual({ code: 0, stdout: rc.stdout, stderr: '' });
    expect(rc.code).toBe(0);

    // kfk's own commands: list as JSON and delete through the controller; the broker sees it gone.
    const own = await kfk(['acl', 'list', ...BC, '--topic', b, '-o', 'json']);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toEqual([{ resourceType: 'TOPIC', name: b, patternType: 'LITERAL', principal: 'User:carol', host: '*', operation: 'WRITE', permission: 'ALLOW' }]);
    const del = await kfk(['acl', 'delete', ...BC, '--topic', a, '--topic', b, '--force', '-o', 'json']);
    expect(del.code, del.stderr).toBe(0);
    expect(JSON.parse(del.stdout).removed).toHaveLength(2);
    const gone = await until(() => real('kafka-acls', [...BS, '--list', '--topic', a]), (r) => r.stdout === '');
    expect({ code: gone.code, stdout: gone.stdout }).toEqual({ code: 0, stdout: '' });

    // Both addresses: the tool's line, exit 1, for the drop-in as for the tool.
    const [rb, ob] = await Promise.all([real('kafka-acls', [...BS, ...BC, '--list']), ours('kafka-acls', [...BS, ...BC, '--list'])]);
    expect(rb.code).toBe(1);
    expect(rb.stderr).toContain('Only one of --bootstrap-server or --bootstrap-controller must be specified\n');
    expect(seen(ob)).toEqual({ code: 1, stdout: rb.stdout, stderr: 'Only one of --bootstrap-server or --bootstrap-controller must be specified\n' });
  });
});

describe('kafka-reassign-partitions --list and --cancel with --bootstrap-controller', () => {
  it('list and cancel print what the tool prints; the actions it refuses there, refused as it does', async () => {
    const t = uniqueName('ctl-reassign');
    expect((await kfk(['topic', 'create', '--topic', t, '--partitions', '2', ...BS])).code).toBe(0);
    const plan = join(dir, `${t}.json`);
    writeFileSync(plan, JSON.stringify({ version: 1, partitions: [0, 1].map((p) => ({ topic: t, partition: p, replicas: [1] })) }));
    const withDirs = join(dir, `${t}-dirs.json`);
    writeFileSync(withDirs, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [1], log_dirs: [cluster.nodes[0].logDirs![0]] }] }));

    const list = [...BC, '--list'];
    const cancel = [...BC, '--cancel', '--reassignment-json-file', plan];
    const cancelDirs = [...BC, '--cancel', '--reassignment-json-file', withDirs];
    const verify = [...BC, '--verify', '--reassignment-json-file', plan];
    const [rl, ol, rc, oc, rd, od, rv, ov] = await Promise.all([list, list, cancel, cancel, cancelDirs, cancelDirs, verify, verify].map((args, i) => (i % 2 ? ours : real)('kafka-reassign-partitions', args)));
    expect(rl.code).toBe(0);
    expect(seen(ol)).toEqual({ code: 0, stdout: rl.stdout, stderr: '' });
    expect(rc.code).toBe(0);
    expect(seen(oc)).toEqual({ code: 0, stdout: rc.stdout, stderr: '' });
    expect(oc.stdout).toBe(
      `None of the specified partition reassignments are active.\nNone of the specified partition moves are active.Clearing broker-level throttles on broker 1\nClearing topic-level throttles on topic ${t}\n`,
    );
    // Moves between log directories need DescribeLogDirs, which a controller does not serve: the
    // tool's lines up to its error, then its error (kfk prints the message without the Java
    // class and stack trace, as for the tool's other errors).
    const unsupported = 'This Admin API is not yet supported when communicating directly with the controller quorum.';
    expect(rd.code).toBe(1);
    expect(rd.stdout).toContain(`Error: org.apache.kafka.common.errors.UnsupportedEndpointTypeException: ${unsupported}\n`);
    expect(seen(od)).toEqual({ code: 1, stdout: rd.stdout.slice(0, rd.stdout.indexOf('Error: ')) + `Error: ${unsupported}\n`, stderr: '' });
    expect(od.stdout.startsWith('None of the specified partition reassignments are active.\n')).toBe(true);
    expect(rv.code).toBe(1);
    expect(rv.stderr.split('\n')[0]).toBe('Option "[bootstrap-controller]" can\'t be used with action "[verify]"');
    expect({ code: ov.code, stdout: ov.stdout, stderr: ov.stderr.split('\n')[0] }).toEqual({ code: 1, stdout: '', stderr: rv.stderr.split('\n')[0] });

    // kfk's own: list and cancel take the flag; verify does not (a usage error).
    const [own, ownCancel, ownVerify] = await Promise.all([
      kfk(['partition', 'reassign', 'list', ...BC, '-o', 'json']),
      kfk(['partition', 'reassign', 'cancel', ...BC, '--reassignment-json-file', plan]),
      kfk(['partition', 'reassign', 'verify', ...BC, '--reassignment-json-file', plan]),
    ]);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toEqual(rl.stdout === 'No partition reassignments found.\n' ? [] : expect.any(Array));
    expect(seen(ownCancel)).toEqual({ code: 0, stdout: rc.stdout, stderr: '' });
    expect({ code: ownVerify.code, stderr: ownVerify.stderr.split('\n')[0] }).toEqual({ code: 2, stderr: "kfk: unknown option '--bootstrap-controller'" });
  });
});

describe('kafka-configs on a broker or topic that is not there', () => {
  it("describe names it on stdout, exit 0, as the tool; kfk's own describe is a one-line error", async () => {
    const t = uniqueName('ctl-no-topic');
    const runs = [
      [...BS, '--describe', '--entity-type', 'brokers', '--entity-name', '7'],
      [...BC, '--describe', '--entity-type', 'brokers', '--entity-name', '7'],
      [...BS, '--describe', '--broker', '7'],
      [...BS, '--describe', '--entity-type', 'topics', '--entity-name', t],
      // Through the controller Kafka's tool refuses an alter of an unknown node at once (exit 1).
      [...BC, '--alter', '--entity-type', 'brokers', '--entity-name', '7', '--add-config', 'log.cleaner.backoff.ms=16000'],
    ];
    const results = await Promise.all(runs.flatMap((args) => [real('kafka-configs', args), ours('kafka-configs', args)]));
    for (let i = 0; i < runs.length; i++) {
      const [r, o] = [results[2 * i], results[2 * i + 1]];
      expect({ code: o.code, stdout: o.stdout }, runs[i].join(' ')).toEqual({ code: r.code, stdout: r.stdout });
    }
    expect(results[1].stdout).toBe("The broker '7' doesn't exist and doesn't have dynamic config.\n");
    expect(results[1].code).toBe(0);
    expect(results[7].stdout).toBe(`The topic '${t}' doesn't exist and doesn't have dynamic config.\n`);
    expect(results[9]).toMatchObject({ code: 1, stdout: '', stderr: 'No node with id 7 found.\n' });
    expect(results[8].stderr).toContain('BrokerIdNotRegisteredException: No node with id 7 found.');

    // --all asks for the configs anyway: the tool prints the heading and fails after its 60 s
    // timeout (checked by hand); kfk prints the same heading and fails at once.
    const all = await ours('kafka-configs', [...BS, '--describe', '--entity-type', 'brokers', '--entity-name', '7', '--all']);
    expect(seen(all)).toEqual({ code: 1, stdout: 'All configs for broker 7 are:\n', stderr: 'broker 7 is not in the cluster\n' });
    const own = await kfk(['config', 'describe', '--broker', '7', ...BS]);
    expect(seen(own)).toEqual({ code: 1, stdout: '', stderr: 'kfk: broker 7 is not in the cluster\n' });
  });
});
