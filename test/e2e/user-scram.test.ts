// SCRAM credentials against Kafka 4.4's kafka-configs on the shared test broker: the same command
// line through Kafka's tool and through kfk's drop-in, and kfk's own `kfk user scram`; then the
// users made so log in over the broker's SASL_PLAINTEXT listener (and no longer after a delete).
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const BS = ['--bootstrap-server', cluster.bootstrap];
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.ConfigCommand', args, { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-configs', ...args]);

/** A SASL/SCRAM login: any request that needs one (a metadata request: topic list). */
const login = (user: string, password: string, mechanism: string) =>
  kfk(['topic', 'list', '--bootstrap-server', cluster.saslBootstrap!, '--command-property', 'security.protocol=SASL_PLAINTEXT', '--command-property', `sasl.mechanism=${mechanism}`, '--command-property', `sasl.username=${user}`, '--command-property', `sasl.password=${password}`]);

async function expectSameError(args: string[], line: string) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')).toContain(line);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: line + '\n' });
}

describe('SCRAM credentials (kafka-configs --entity-type users, kfk user scram)', () => {
  it('kafka-configs adds, describes and deletes them as Kafka 4.4 does; the users log in', async () => {
    const [ua, ub] = [uniqueName('scram-a'), uniqueName('scram-b')];
    const password = `pw-${uniqueName('x')}`;
    const swap = (s: string) => s.split(ua).join(ub);
    const alter = (u: string, more: string[]) => [...BS, '--alter', '--entity-type', 'users', '--entity-name', u, ...more];
    const add = ['--add-config', `SCRAM-SHA-256=[iterations=8192,password=${password}]`];
    const [ra, ob] = await Promise.all([real(alter(ua, add)), ours(alter(ub, add))]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(ra.stdout).toBe(`Completed updating config for user ${ua}.\n`);
    expect({ code: ob.code, stdout: ob.stdout, stderr: ob.stderr }).toEqual({ code: 0, stdout: swap(ra.stdout), stderr: '' });

    const describe1 = (u: string) => [...BS, '--describe', '--entity-type', 'users', '--entity-name', u];
    const all = [...BS, '--describe', '--entity-type', 'users'];
    const [rd, od, rall, oall] = await Promise.all([real(describe1(ua)), ours(describe1(ub)), real(all), ours(all)]);
    expect(rd).toMatchObject({ code: 0, stdout: `SCRAM credential configs for user-principal '${ua}' are SCRAM-SHA-256=iterations=8192\n` });
    expect({ code: od.code, stdout: od.stdout }).toEqual({ code: 0, stdout: swap(rd.stdout) });
    // Every user: other tests add users and quotas meanwhile, so the broker's users and ours are compared.
    const mine = (s: string) => s.split('\n').filter((l) => /'(kfk-scram|kfk-limited|scram-[ab]-[^']*)'/.test(l) && (!l.includes('scram-') || l.includes(ua) || l.includes(ub))).join('\n');
    expect(rall.code, rall.stderr).toBe(0);
    expect(oall.code).toBe(0);
    expect(mine(oall.stdout)).toBe(mine(rall.stdout));
    // In the broker's (hash) order, users and mechanisms alike.
    expect(mine(oall.stdout)).toMatch(/^SCRAM credential configs for user-principal 'kfk-scram' are SCRAM-SHA-(256|512)=iterations=4096, SCRAM-SHA-(256|512)=iterations=4096$/m);
    expect(mine(oall.stdout).split('\n')).toContain(`SCRAM credential configs for user-principal '${ub}' are SCRAM-SHA-256=iterations=8192`);

    // Both users, one set by Kafka's tool and one by kfk, log in with the password; a wrong one is refused.
    const logins = await Promise.all([login(ua, password, 'SCRAM-SHA-256'), login(ub, password, 'SCRAM-SHA-256'), login(ub, `${password}-wrong`, 'SCRAM-SHA-256'), login(ub, password, 'SCRAM-SHA-512')]);
    expect(logins.map((r) => r.code)).toEqual([0, 0, 1, 1]);
    expect(logins[2].stderr).toBe(`kfk: authentication failed for ${cluster.saslBootstrap}: invalid credentials\nhint: check sasl.mechanism, the username and the password\n`);

    await Promise.all([
      expectSameError(alter(ua, ['--delete-config', 'SCRAM-SHA-512']), 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.ResourceNotFoundException: Attempt to delete a user credential that does not exist'),
      expectSameError(alter(ua, ['--add-config', 'SCRAM-SHA-512=[iterations=100,password=x]']), 'Iterations 100 is less than the minimum 4096 required for SCRAM-SHA-512'),
    ]);
    // The lines below were checked against Kafka 4.4's kafka-configs by hand (each a JVM start here).
    const errors = await Promise.all([
      ours(alter(ub, ['--add-config', `SCRAM-SHA-512=[iterations=100000,password=${password}]`])),
      ours(alter(ub, ['--add-config', 'SCRAM-SHA-512=x'])),
      ours(alter(ub, ['--add-config', 'SCRAM-SHA-512=[password=x],producer_byte_rate=10'])),
      ours([...BS, '--alter', '--entity-type', 'users', '--entity-default', '--add-config', 'SCRAM-SHA-512=[password=x]']),
    ]);
    expect(errors.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
      [1, '', 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnacceptableCredentialException: Too many iterations\n'],
      [1, '', 'Invalid credential property SCRAM_SHA_512=x\n'],
      [1, '', "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.\n"],
      [1, '', 'The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.\n'],
    ]);

    const del = ['--delete-config', 'SCRAM-SHA-256'];
    const [rx, ox] = await Promise.all([real(alter(ua, del)), ours(alter(ub, del))]);
    expect(rx.code, rx.stderr).toBe(0);
    expect({ code: ox.code, stdout: ox.stdout, stderr: ox.stderr }).toEqual({ code: 0, stdout: swap(rx.stdout), stderr: '' });
    const after = await Promise.all([real(describe1(ua)), ours(describe1(ub)), login(ub, password, 'SCRAM-SHA-256')]);
    expect(after.map((r) => [r.code, r.stdout])).toEqual([[0, ''], [0, ''], [1, '']]);
  }, 150_000);

  it('kfk user scram: the password from the environment or a file, never in any output', async () => {
    const user = uniqueName('scram-own');
    const password = `pw-${uniqueName('y')}`;
    const set = await kfk(['user', 'scram', 'set', ...BS, '--user', user, '--mechanism', 'SCRAM-SHA-512', '--iterations', '8192', '--password-env', 'SCRAM_PW', '-v'], { env: { SCRAM_PW: password } });
    expect({ code: set.code, stdout: set.stdout }).toEqual({ code: 0, stdout: `Completed updating config for user ${user}.\n` });
    expect(set.stderr).toContain('kfk: connecting to');
    expect(set.stderr).not.toContain(password);
    const fromStdin = await kfk(['user', 'scram', 'set', ...BS, '--user', user, '--mechanism', 'SCRAM-SHA-256', '--password-file', '-'], { input: `${password}\n` });
    expect(fromStdin).toMatchObject({ code: 0, stderr: '' });
    const [json, text, ok256, ok512] = await Promise.all([
      kfk(['user', 'scram', 'describe', ...BS, '--user', user, '-o', 'json']),
      kfk(['user', 'scram', 'describe', ...BS, '--user', user]),
      login(user, password, 'SCRAM-SHA-256'),
      login(user, password, 'SCRAM-SHA-512'),
    ]);
    expect(JSON.parse(json.stdout)).toEqual([{ user, credentials: expect.arrayContaining([{ mechanism: 'SCRAM-SHA-512', iterations: 8192 }, { mechanism: 'SCRAM-SHA-256', iterations: 4096 }]), error: null }]);
    expect(text.stdout).toMatch(new RegExp(`^SCRAM credential configs for user-principal '${user}' are SCRAM-SHA-(256|512)=iterations=\\d+, SCRAM-SHA-(256|512)=iterations=\\d+\\n$`));
    expect([ok256.code, ok512.code]).toEqual([0, 0]);

    const del = await kfk(['user', 'scram', 'delete', ...BS, '--user', user, '--mechanism', 'SCRAM-SHA-512']);
    expect(del).toMatchObject({ code: 0, stdout: `Completed updating config for user ${user}.\n`, stderr: '' });
    const [gone, again, left] = await Promise.all([
      login(user, password, 'SCRAM-SHA-512'),
      kfk(['user', 'scram', 'delete', ...BS, '--user', user, '--mechanism', 'SCRAM-SHA-512']),
      kfk(['user', 'scram', 'describe', ...BS, '--user', user, '-o', 'json']),
    ]);
    expect(gone.code).toBe(1);
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: `kfk: deleting the SCRAM-SHA-512 credential of user ${user}: Attempt to delete a user credential that does not exist\n` });
    expect(JSON.parse(left.stdout)).toEqual([{ user, credentials: [{ mechanism: 'SCRAM-SHA-256', iterations: 4096 }], error: null }]);

    const usage = await Promise.all([
      kfk(['user', 'scram', 'set', ...BS, '--user', user]),
      kfk(['user', 'scram', 'set', ...BS, '--user', user, '--password-env', 'NOT_SET_ANYWHERE']),
      kfk(['user', 'scram', 'set', ...BS, '--user', user, '--password-env', 'SCRAM_PW', '--iterations', '100'], { env: { SCRAM_PW: password } }),
    ]);
    expect(usage.map((r) => [r.code, r.stderr])).toEqual([
      [2, 'kfk: give the password with --password-file <file> or --password-env <variable> (one of them)\n'],
      [2, 'kfk: --password-env: the environment variable NOT_SET_ANYWHERE is not set\n'],
      [2, 'kfk: --iterations 100 is less than the minimum 4096 required for SCRAM-SHA-256\n'],
    ]);
  });
});
