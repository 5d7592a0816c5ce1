// ACLs on the test broker (StandardAuthorizer with super users, as `kfk local start --sasl --acl`):
// kfk-kafka-acls against Kafka's own kafka-acls on the same cluster state (stdout byte for byte,
// error lines, exit codes), kfk acl's own views, and an ordinary SASL user refused until
// `kfk acl create` grants it.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName, type RunResult } from '../helpers/cli.js';
import { kafka4Tool } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const BS = ['--bootstrap-server', cluster.bootstrap];
const limited = ['--bootstrap-server', cluster.saslBootstrap!, '--command-config', join(cluster.dir, 'client-limited.properties')];

// kfk prints kafka-acls 4.4's text on any cluster (3.9's Scala AclCommand is not the reference).
const real = (args: string[]) => kafka4Tool('acls', args);
const ours = (args: string[], input?: string) => kfk(['compat', 'kafka-acls', ...args], { input });

/**
 * kafka-acls keeps resources and entries in Java hash sets whose order follows identity hash
 * codes (it changes between runs of the same command): blocks, and the entry lines inside each
 * block, are put in one order before comparing. Everything else must be the same bytes.
 */
function canonical(text: string): string {
  const blocks = text.split(/\n\n/).map((b) => {
    const lines = b.split('\n');
    const head = lines[0].startsWith('\t') ? [] : [lines.shift()!];
    // The first entry of an "Adding ACLs" block starts with " \t".
    const first = lines.length && lines[0].startsWith(' \t') ? ' ' : '';
    const entries = lines.map((l) => l.replace(/^ \t/, '\t')).sort();
    if (first) entries[0] = ' ' + entries[0];
    return [...head, ...entries].join('\n');
  });
  return blocks.sort().join('\n\n');
}

/** Runs the same command line (with `a` for Kafka's tool and `b` for kfk in place of @) through both. */
async function both(args: string[], a: string, b: string): Promise<{ r: RunResult; o: RunResult; swap: (s: string) => string }> {
  const [r, o] = await Promise.all([real(args.map((x) => x.split('@').join(a))), ours(args.map((x) => x.split('@').join(b)))]);
  return { r, o, swap: (s: string) => s.split(a).join(b) };
}

describe('kfk-kafka-acls prints what kafka-acls prints', () => {
  it('add one ACL, add it again, list it: the same bytes', async () => {
    const [a, b] = [uniqueName('acl-a'), uniqueName('acl-b')];
    const add = [...BS, '--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', '@'];
    const first = await both(add, a, b);
    expect(first.o).toMatchObject({ code: 0, stderr: '' });
    expect(first.r.code).toBe(0);
    expect(first.o.stdout).toBe(first.swap(first.r.stdout));
    expect(first.o.stdout).toBe(
      `Adding ACLs for resource \`ResourcePattern(resourceType=TOPIC, name=${b}, patternType=LITERAL)\`: \n \t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)\n\n`,
    );

    const again = await both(add, a, b);
    expect([again.o.code, again.o.stdout]).toEqual([again.r.code, again.swap(again.r.stdout)]);
    expect(again.o.stdout).toBe(
      `Acl (pattern=ResourcePattern(resourceType=TOPIC, name=${b}, patternType=LITERAL), entry=(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)) already exists.\n`,
    );

    const list = await both([...BS, '--list', '--topic', '@'], a, b);
    expect([list.o.code, list.o.stdout, list.o.stderr]).toEqual([0, list.swap(list.r.stdout), '']);
    expect(list.o.stdout).toBe(`Current ACLs for resource \`ResourcePattern(resourceType=TOPIC, name=${b}, patternType=LITERAL)\`:\n\t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)\n\n`);
  });

  it('several principals, hosts, operations, allow and deny, topics and a group; list, list --principal, remove', async () => {
    const [a, b] = [uniqueName('acl-a'), uniqueName('acl-b')];
    const add = [
      ...BS,
      '--add',
      '--allow-principal', 'User:alice', '--allow-principal', 'User:bob', '--allow-host', '10.0.0.1', '--allow-host', '10.0.0.2',
      '--deny-principal', 'User:mallory',
      '--operation', 'Read', '--operation', 'Describe',
      '--topic', '@-1', '--topic', '@-2', '--group', '@-g',
    ];
    const added = await both(add, a, b);
    expect([added.o.code, added.r.code, added.o.stderr]).toEqual([0, 0, '']);
    expect(canonical(added.o.stdout)).toBe(canonical(added.swap(added.r.stdout)));
    expect(added.o.stdout.match(/^Adding ACLs/gm)).toHaveLength(3);
    expect(added.o.stdout.match(/\t\(principal=/g)).toHaveLength(3 * (2 * 2 * 2 + 2));

    const list = await both([...BS, '--list', '--topic', '@-1', '--topic', '@-2', '--group', '@-g'], a, b);
    expect([list.o.code, list.r.code, list.o.stderr]).toEqual([0, 0, '']);
    expect(canonical(list.o.stdout)).toBe(canonical(list.swap(list.r.stdout)));

    const byPrincipal = await both([...BS, '--list', '--topic', '@-1', '--principal', 'User:bob', '--principal', 'User:mallory'], a, b);
    expect(byPrincipal.o.code).toBe(0);
    // The principals come in Java's HashSet order, which depends on their strings alone: exact.
    const heads = (s: string) => s.split('\n').filter((l) => l.startsWith('ACLs for principal'));
    expect(heads(byPrincipal.o.stdout)).toEqual(heads(byPrincipal.r.stdout));
    expect(byPrincipal.o.stdout.split('ACLs for principal').map(canonical)).toEqual(byPrincipal.swap(byPrincipal.r.stdout).split('ACLs for principal').map(canonical));

    const remove = await both([...BS, '--remove', '--force', '--deny-principal', 'User:mallory', '--operation', 'Read', '--topic', '@-1'], a, b);
    expect([remove.o.code, remove.o.stdout, remove.o.stderr]).toEqual([remove.r.code, remove.r.stdout, '']);
    expect(remove.o.stdout).toBe('');
    const after = await both([...BS, '--list', '--topic', '@-1'], a, b);
    expect(canonical(after.o.stdout)).toBe(canonical(after.swap(after.r.stdout)));
    expect(after.o.stdout).toContain('(principal=User:mallory, host=*, operation=DESCRIBE, permissionType=DENY)');
    expect(after.o.stdout).not.toContain('(principal=User:mallory, host=*, operation=READ, permissionType=DENY)');

    const removeAll = await both([...BS, '--remove', '--force', '--topic', '@-2', '--group', '@-g'], a, b);
    expect([removeAll.o.code, removeAll.o.stdout]).toEqual([0, removeAll.r.stdout]);
    const gone = await both([...BS, '--list', '--topic', '@-2', '--group', '@-g'], a, b);
    expect([gone.o.stdout, gone.r.stdout]).toEqual(['', '']);
  });

  it('--producer --consumer --idempotent with a transactional id; prefixed patterns and --resource-pattern-type match', async () => {
    const [a, b] = [uniqueName('acl-a'), uniqueName('acl-b')];
    const add = [...BS, '--add', '--producer', '--consumer', '--idempotent', '--allow-principal', 'User:@', '--topic', '@', '--group', '@', '--transactional-id', '@'];
    const added = await both(add, a, b);
    expect([added.o.code, added.r.code]).toEqual([0, 0]);
    expect(canonical(added.o.stdout)).toBe(canonical(added.swap(added.r.stdout)));
    expect(added.o.stdout).toContain('resourceType=CLUSTER, name=kafka-cluster, patternType=LITERAL');

    const prefixed = await both([...BS, '--add', '--allow-principal', 'User:app', '--operation', 'Write', '--topic', '@-pre', '--resource-pattern-type', 'PREFIXED'], a, b);
    expect([prefixed.o.code, prefixed.o.stdout]).toEqual([0, prefixed.swap(prefixed.r.stdout)]);
    expect(prefixed.o.stdout).toContain('patternType=PREFIXED');

    const match = await both([...BS, '--list', '--topic', '@-pre-x', '--resource-pattern-type', 'match'], a, b);
    expect([match.o.code, match.o.stdout]).toEqual([0, match.swap(match.r.stdout)]);
    expect(match.o.stdout).toContain(`name=${b}-pre, patternType=PREFIXED`);

    const anyType = await both([...BS, '--list', '--topic', '@', '--resource-pattern-type', 'any'], a, b);
    expect(canonical(anyType.o.stdout)).toBe(canonical(anyType.swap(anyType.r.stdout)));

    const cleanup = await both([...BS, '--remove', '--force', '--topic', '@', '--topic', '@-pre', '--group', '@', '--transactional-id', '@', '--resource-pattern-type', 'any'], a, b);
    expect([cleanup.o.code, cleanup.r.code]).toEqual([0, 0]);
    expect((await ours([...BS, '--list', '--topic', b, '--topic', `${b}-pre`, '--resource-pattern-type', 'any'])).stdout).toBe('');
    // The cluster's IdempotentWrite entries of both principals stay until removed by entry.
    const cluster = await both([...BS, '--remove', '--force', '--cluster', '--allow-principal', 'User:@', '--operation', 'IdempotentWrite'], a, b);
    expect([cluster.o.code, cluster.o.stdout]).toEqual([0, '']);
  });

  it('--remove without --force and without a terminal: the question, then the error, exit 1; nothing removed', async () => {
    const [a, b] = [uniqueName('acl-a'), uniqueName('acl-b')];
    await Promise.all([real([...BS, '--add', '--allow-principal', 'User:x', '--topic', a]), ours([...BS, '--add', '--allow-principal', 'User:x', '--topic', b])]);
    for (const extra of [[], ['--allow-principal', 'User:x']]) {
      const { r, o, swap } = await both([...BS, '--remove', '--topic', '@', ...extra], a, b);
      expect([o.code, r.code]).toEqual([1, 1]);
      const javaLines = swap(r.stdout).split('\n');
      const end = javaLines.findIndex((l) => l.startsWith('Error while executing ACL command: '));
      expect(o.stdout).toBe(javaLines.slice(0, end + 1).join('\n') + '\n');
      expect(o.stderr).toBe('');
    }
    expect((await ours([...BS, '--list', '--topic', b])).stdout).toContain('User:x');
    const native = await kfk(['acl', 'delete', ...BS, '--topic', b]);
    expect(native).toMatchObject({ code: 1, stdout: '' });
    expect(native.stderr).toBe(
      `Are you sure you want to delete all ACLs for resource filter \`ResourcePattern(resourceType=TOPIC, name=${b}, patternType=LITERAL)\`? (y/n) \nkfk: stdin is not a terminal: cannot ask for confirmation; pass --force to delete\n`,
    );
  });

});

// Independent of each other and each two JVM-less or JVM starts: run side by side.
describe.concurrent('kfk-kafka-acls: bad command lines and failures as kafka-acls reports them', () => {
  // Each line as kafka-acls 4.4 printed it (checked by hand); the marked ones are compared with
  // kafka-acls again in every run (a JVM each: the others are held to the recorded line).
  const usage: Array<[string[], string, 'compare'?]> = [
    [['--list'], 'One of --bootstrap-server or --bootstrap-controller must be specified', 'compare'],
    [[...BS], 'Command must include exactly one action: --list, --add, --remove. '],
    [[...BS, '--list', '--add'], 'Command must include exactly one action: --list, --add, --remove. '],
    [[...BS, '--list', '--producer', '--topic', 't'], 'Option "[list]" can\'t be used with option "[producer]"', 'compare'],
    [[...BS, '--add', '--producer', '--operation', 'Read', '--topic', 't'], 'Option "[producer]" can\'t be used with option "[operation]"'],
    [[...BS, '--add', '--consumer', '--deny-principal', 'User:x', '--topic', 't'], 'Option "[consumer]" can\'t be used with option "[deny-principal]"'],
    [[...BS, '--add', '--principal', 'User:x', '--topic', 't'], 'The --principal option is only available if --list is set'],
    [[...BS, '--add', '--producer', '--allow-principal', 'User:x'], 'With --producer you must specify a --topic'],
    [[...BS, '--add', '--idempotent', '--allow-principal', 'User:x', '--topic', 't'], 'The --idempotent option is only available if --producer is set'],
    [
      [...BS, '--add', '--consumer', '--allow-principal', 'User:x', '--topic', 't'],
      'With --consumer you must specify a --topic and a --group and no --cluster or --transactional-id option should be specified.',
      'compare',
    ],
    [[...BS, '--add', '--allow-principal', 'User:x', '--topic', 't', '--resource-pattern-type', 'match'], "A '--resource-pattern-type' value of 'MATCH' is not valid when adding acls."],
    [
      [...BS, '--add', '--allow-principal', 'User:x'],
      'You must provide at least one resource: --topic <topic> or --cluster or --group <group> or --delegation-token <Delegation Token ID>',
      'compare',
    ],
    [[...BS, '--add', '--topic', 't'], 'You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.'],
    [[...BS, '--add', '--allow-principal', 'User:x', '--topic'], 'Option topic requires an argument', 'compare'],
    [[...BS, '--add', '--allow-principal', 'User:x', '--topic', 't', '--dry-run'], 'dry-run is not a recognized option'],
    [[...BS, '--bootstrap-controller', '127.0.0.1:1', '--list'], 'Only one of --bootstrap-server or --bootstrap-controller must be specified'],
  ];
  it.each(usage)('bad command line %j: the error line on stderr, nothing on stdout, exit 1', async (args, line, compare) => {
    const o = await ours(args);
    expect(o).toMatchObject({ code: 1, stdout: '', stderr: line + '\n' });
    if (compare) {
      const r = await real(args);
      expect([r.code, r.stdout, r.stderr.split('\n')[0]]).toEqual([1, '', line]);
    }
  });

  it.each([
    [[...BS, '--add', '--allow-principal', 'alice', '--topic', 't']],
    [[...BS, '--add', '--allow-principal', 'User:x', '--topic', 't', '--resource-pattern-type', 'foo']],
    [[...limited, '--list', '--topic', 't']],
  ])('failure %j: "Error while executing ACL command" on stdout, exit 1', async (args) => {
    const [r, o] = await Promise.all([real(args), ours(args)]);
    expect([r.code, o.code]).toEqual([1, 1]);
    // The broker's message names the connection (Kafka 4: `... needs`, 3.9: `... is not authorized.`).
    const line = (s: string) => s.split('\n')[0].replace(/Request Request\(.*\)( needs| is not authorized)/, 'Request (...)$1');
    expect(line(o.stdout)).toBe(line(r.stdout));
    expect(o.stdout.split('\n')).toHaveLength(2);
    expect(o.stderr).toBe('');
  });

  it('an unsupported operation for the resource type: the same message, with the same operations', async () => {
    const args = [...BS, '--add', '--allow-principal', 'User:x', '--operation', 'Write', '--group', 'g'];
    const [r, o] = await Promise.all([real(args), ours(args)]);
    expect([r.code, o.code, o.stdout]).toEqual([1, 1, '']);
    const ops = (s: string) => /^ResourceType GROUP only supports operations \[(.*)\]$/m.exec(s)?.[1].split(', ').sort();
    expect(ops(o.stderr)).toEqual(ops(r.stderr));
    expect(ops(o.stderr)).toHaveLength(6);
  });
});

describe('kfk acl: its own output', () => {
  it('create, list -o json and table, delete -o json; usage errors exit 2', async () => {
    const topic = uniqueName('acl-own');
    const created = await kfk(['acl', 'create', ...BS, '--allow-principal', 'User:carol', '--operation', 'Read', '--operation', 'Write', '--topic', topic, '-o', 'json']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const entry = (operation: string) => ({ resourceType: 'TOPIC', name: topic, patternType: 'LITERAL', principal: 'User:carol', host: '*', operation, permission: 'ALLOW' });
    expect(JSON.parse(created.stdout)).toEqual({ created: [entry('READ'), entry('WRITE')], existed: [] });

    const json = await kfk(['acl', 'list', ...BS, '--topic', topic, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([entry('READ'), entry('WRITE')]);
    const table = await kfk(['acl', 'list', ...BS, '--topic', topic, '-o', 'table', '--no-color']);
    expect(table.stdout.split('\n').filter((l) => l.includes('User:carol'))).toHaveLength(2);
    expect(table.stdout).toContain('RESOURCE-TYPE');

    const deleted = await kfk(['acl', 'delete', ...BS, '--topic', topic, '--allow-principal', 'User:carol', '--operation', 'Write', '--force', '-o', 'json']);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(deleted.stdout)).toEqual({ removed: [entry('WRITE')] });
    expect(JSON.parse((await kfk(['acl', 'list', ...BS, '--topic', topic, '-o', 'json'])).stdout)).toEqual([entry('READ')]);

    expect(await kfk(['acl', 'create', ...BS, '--topic', topic])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'kfk: You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.\n',
    });
    expect(await kfk(['acl', 'create', ...BS, '--topic', topic, '--allow-principal', 'carol'])).toMatchObject({
      code: 2,
      stderr: 'kfk: expected a string in format principalType:principalName but got carol\n',
    });
    expect(await kfk(['acl', 'list', ...limited])).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: Cluster authorization failed\n' });
  });
});

describe('an ordinary SASL user: refused before kfk acl create, allowed after', () => {
  it('topic describe, produce, consume and group commands', async () => {
    const topic = uniqueName('acl-user');
    const group = uniqueName('acl-user-g');
    await kfk(['topic', 'create', ...BS, '--topic', topic]);
    await kfk(['produce', ...BS, '--topic', topic], { input: 'one\n' });

    const refused: Array<[string[], string, string?]> = [
      [['topic', 'describe', '--topic', topic], `kfk: Not authorized to access topics: [${topic}]\n`],
      [['produce', '--topic', topic], `kfk: Not authorized to access topics: [${topic}]\n`, 'two\n'],
      [['consume', '--topic', topic, '--from-beginning', '-e'], `kfk: Not authorized to access topics: [${topic}]\nProcessed a total of 0 messages\n`],
      [['group', 'describe', '--group', group], `kfk: Not authorized to access group: ${group}\n`],
      // The command's own error, not kafka-transactions' wrapping of it (that is the drop-in's).
      [['transaction', 'describe', '--transactional-id', group], `kfk: Transactional Id authorization failed\n`],
      [['transaction', 'force-terminate', '--transactional-id', group], `kfk: Transactional Id authorization failed\n`],
    ];
    for (const [args, stderr, input] of refused) {
      const r = await kfk([...args, ...limited], { input });
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 1, stdout: '', stderr });
    }

    // Read and Describe on the topic, nothing on the group yet: the group consumer is refused by the group.
    await kfk(['acl', 'create', ...BS, '--allow-principal', 'User:kfk-limited', '--operation', 'Read', '--operation', 'Describe', '--topic', topic]);
    // Without --group kfk reads with these alone: it asks for no group at all.
    const groupless = await kfk(['consume', '--topic', topic, '--from-beginning', '-e', ...limited]);
    expect(groupless).toMatchObject({ code: 0, stdout: 'one\n', stderr: 'Processed a total of 1 messages\n' });
    const noGroup = await kfk(['consume', '--topic', topic, '--from-beginning', '--group', group, '--max-messages', '1', ...limited]);
    expect(noGroup).toMatchObject({ code: 1, stdout: '', stderr: `kfk: Not authorized to access group: ${group}\nProcessed a total of 0 messages\n` });

    const grant = await kfk(['acl', 'create', ...BS, '--producer', '--consumer', '--allow-principal', 'User:kfk-limited', '--topic', topic, '--group', group]);
    expect(grant.code).toBe(0);
    await kfk(['acl', 'create', ...BS, '--allow-principal', 'User:kfk-limited', '--operation', 'DescribeConfigs', '--topic', topic]);

    const produced = await kfk(['produce', '--topic', topic, ...limited], { input: 'two\n' });
    expect(produced).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const consumed = await kfk(['consume', '--topic', topic, '--from-beginning', '--group', group, '--max-messages', '2', ...limited]);
    expect(consumed).toMatchObject({ code: 0, stdout: 'one\ntwo\n' });
    const described = await kfk(['topic', 'describe', '--topic', topic, ...limited]);
    expect(described.code).toBe(0);
    expect(described.stdout).toContain(`Topic: ${topic}\t`);
    const groupDescribed = await kfk(['group', 'describe', '--group', group, ...limited]);
    expect(groupDescribed.code).toBe(0);
    expect(groupDescribed.stdout).toMatch(new RegExp(`${group}\\s+${topic}\\s+0\\s+2\\s+2\\s+0`));
    // What the super user wrote is there, and only that.
    expect((await kfk(['consume', ...BS, '--topic', topic, '--from-beginning', '-e'])).stdout).toBe('one\ntwo\n');
  });
});
