// Delegation tokens against Kafka 4.4's kafka-delegation-tokens on the shared test broker (its SASL
// listener; the broker has delegation.token.secret.key): the same command lines through Kafka's
// tool and through kfk's drop-in on the same cluster state, kfk's own `kfk token`, and the tokens
// made so used as SCRAM credentials (tokenauth=true) to write and read records.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { realScript } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const SASL = ['--bootstrap-server', cluster.saslBootstrap!, '--command-config', cluster.saslClientConfig!];
const real = (args: string[]) => realScript('kafka-delegation-tokens', args);
const ours = (args: string[]) => kfk(['compat', 'kafka-delegation-tokens', ...args]);
const own = (args: string[], env?: Record<string, string>) => kfk(['token', ...args, ...SASL], { env });

/** The token id and HMAC of a create's output (the tool's text). */
function created(stdout: string): { id: string; hmac: string } {
  const id = /^Created delegation token with tokenId : (\S+)$/m.exec(stdout)?.[1];
  const row = stdout.split('\n').find((l) => id !== undefined && l.startsWith(`${id} `));
  expect(id, stdout).toBeDefined();
  return { id: id!, hmac: row!.split(' ')[1] };
}

/** Dates to the minute, which two runs seconds apart may not share. */
const noDates = (s: string) => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d/g, 'DATE');

/** `text` with one token's id and HMAC put in for another's, wherever they appear. */
const swap = (text: string, from: { id: string; hmac: string }, to: { id: string; hmac: string }) => text.split(from.id).join(to.id).split(from.hmac).join(to.hmac);

/** A client config that logs in with a token (SCRAM, tokenauth=true). */
function tokenConfig(t: { id: string; hmac: string }, mechanism: string): string {
  const file = join(tmpdir(), `${uniqueName('token')}.properties`);
  writeFileSync(
    file,
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=${mechanism}\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${t.id}" password="${t.hmac}" tokenauth="true";\n`,
    { mode: 0o600 },
  );
  return file;
}

describe('delegation tokens (kafka-delegation-tokens, kfk token)', () => {
  it('create, describe, renew and expire print what Kafka 4.4 prints; the tokens log in until they expire', async () => {
    const create = [...SASL, '--create', '--max-life-time-period', '-1', '--renewer-principal', 'User:ops', '--renewer-principal', 'User:kfk-scram'];
    // One at a time: the describe below compares the broker's list of both.
    const rc = await real(create);
    const oc = await ours(create);
    expect(rc.code, rc.stderr).toBe(0);
    expect(rc.stdout).toMatch(/^Calling create token operation with renewers :\[User:ops, User:kfk-scram\] , max-life-time-period :-1\nCreated delegation token with tokenId : \S{22}\n\nTOKENID {9}HMAC {27}OWNER {11}REQUESTER {7}RENEWERS {18}ISSUEDATE {7}EXPIRYDATE {6}MAXDATE {8}\n\n/);
    const [rt, ot] = [created(rc.stdout), created(oc.stdout)];
    expect({ code: oc.code, stderr: oc.stderr }).toEqual({ code: 0, stderr: '' });
    expect(noDates(swap(oc.stdout, ot, rt))).toBe(noDates(rc.stdout));
    expect(rc.stdout).toContain(` User:kfk-scram  User:kfk-scram  [User:ops, User:kfk-scram] 20`);

    // Both tools list both tokens alike, HMACs included, in the broker's order.
    const byOwner = [...SASL, '--describe', '--owner-principal', 'User:kfk-scram'];
    const [rd, od] = await Promise.all([real(byOwner), ours(byOwner)]);
    expect(rd.code, rd.stderr).toBe(0);
    expect(rd.stdout).toContain(`${rt.id} ${rt.hmac} `);
    expect(rd.stdout).toContain(`${ot.id} ${ot.hmac} `);
    expect({ code: od.code, stdout: od.stdout, stderr: od.stderr }).toEqual({ code: 0, stdout: rd.stdout, stderr: '' });
    // Without --owner-principal the tool asks for no owner (an empty list) and reports none: so does the drop-in.
    const all = [...SASL, '--describe'];
    const [ra, oa] = await Promise.all([real(all), ours(all)]);
    expect(ra.stdout).toMatch(/^Calling describe token operation for current user.\nTotal number of tokens : 0\nTOKENID /);
    expect({ code: oa.code, stdout: oa.stdout }).toEqual({ code: 0, stdout: ra.stdout });
    // kfk's own describe lists every token the user may see, HMACs hidden unless asked for.
    const [mine, shown, json] = await Promise.all([own(['describe', '-o', 'text']), own(['describe', '-o', 'text', '--show-hmac']), own(['describe', '-o', 'json'])]);
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toMatch(/^Calling describe token operation for current user.\nTotal number of tokens : \d+\nTOKENID /);
    expect(mine.stdout).toContain(`\n${rt.id} [hidden]                       User:kfk-scram  User:kfk-scram  [User:ops, User:kfk-scram] 20`);
    expect(mine.stdout).not.toContain(rt.hmac);
    expect(shown.stdout).toContain(`\n${ot.id} ${ot.hmac} User:kfk-scram  `);
    const doc = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(doc.find((t) => t.tokenId === rt.id)).toMatchObject({ owner: 'User:kfk-scram', requester: 'User:kfk-scram', renewers: ['User:ops', 'User:kfk-scram'] });
    expect(doc.every((t) => !('hmac' in t))).toBe(true);

    // The tokens log in (SCRAM-SHA-256 and -512 alike): records written with one are read with the other.
    const topic = uniqueName('token-topic');
    const made = await kfk(['topic', 'create', '--topic', topic, '--bootstrap-server', cluster.bootstrap]);
    expect(made.code, made.stderr).toBe(0);
    const [c256, c512] = [tokenConfig(rt, 'SCRAM-SHA-256'), tokenConfig(ot, 'SCRAM-SHA-512')];
    const sent = await kfk(['produce', '--topic', topic, '--bootstrap-server', cluster.saslBootstrap!, '--command-config', c256], { input: 'a\nb\nc\n' });
    expect({ code: sent.code, stderr: sent.stderr }).toEqual({ code: 0, stderr: '' });
    const read = await kfk(['consume', '--topic', topic, '--from-beginning', '--max-messages', '3', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', c512]);
    expect({ code: read.code, stdout: read.stdout }).toEqual({ code: 0, stdout: 'a\nb\nc\n' });
    // A connection made with a token may not manage tokens: both say so in the same words.
    const viaToken = ['--bootstrap-server', cluster.saslBootstrap!, '--command-config', c256, '--describe', '--owner-principal', 'User:kfk-scram'];
    const [rv, ov, mv] = await Promise.all([real(viaToken), ours(viaToken), kfk(['token', 'describe', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', c256])]);
    const refused = 'org.apache.kafka.common.errors.UnsupportedByAuthenticationException: Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.';
    expect(rv.code).toBe(1);
    expect(rv.stderr.split('\n')[0]).toBe(refused);
    expect({ code: ov.code, stdout: ov.stdout, stderr: ov.stderr }).toEqual({ code: 1, stdout: rv.stdout, stderr: `${refused}\n` });
    expect({ code: mv.code, stdout: mv.stdout }).toEqual({ code: 1, stdout: '' });
    expect(mv.stderr).toBe(
      'kfk: Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.\n' +
        'hint: connect with SASL (or SSL with client certificates) as a user, not with a token: --command-config with security.protocol=SASL_PLAINTEXT or SASL_SSL\n',
    );

    // Renew: the tool's token by the tool, kfk's by the drop-in; the same lines (no newline at the end).
    const renew = (hmac: string) => [...SASL, '--renew', '--hmac', hmac, '--renew-time-period', '3600000'];
    const [rr, or] = await Promise.all([real(renew(rt.hmac)), ours(renew(ot.hmac))]);
    expect(rr.code, rr.stderr).toBe(0);
    expect(rr.stdout).toMatch(new RegExp(`^Calling renew token operation with hmac :${rt.hmac.replace(/[+/]/g, '\\$&')} , renew-time-period :3600000\nCompleted renew operation. New expiry date : \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d$`));
    expect({ code: or.code, stdout: noDates(swap(or.stdout, ot, rt)), stderr: or.stderr }).toEqual({ code: 0, stdout: noDates(rr.stdout), stderr: '' });
    // kfk's own renew takes the HMAC from the environment or a file, and does not print it.
    const mr = await own(['renew', '--hmac-env', 'KFK_TEST_HMAC', '--renew-time-period', '7200000'], { KFK_TEST_HMAC: ot.hmac });
    expect(mr.code, mr.stderr).toBe(0);
    expect(mr.stdout).toMatch(/^Completed renew operation. New expiry date : \d{4}-\d\d-\d\dT\d\d:\d\d\n$/);
    const expiry = Date.parse(JSON.parse((await own(['describe', '-o', 'json'])).stdout).find((t: { tokenId: string }) => t.tokenId === ot.id).expires);
    expect(Math.abs(expiry - (Date.now() + 7_200_000))).toBeLessThan(60_000);

    // Expire: the tool's token in the future, kfk's at once; then it no longer logs in.
    const [rx, ox] = await Promise.all([real([...SASL, '--expire', '--hmac', rt.hmac, '--expiry-time-period', '600000']), ours([...SASL, '--expire', '--hmac', ot.hmac, '--expiry-time-period', '600000'])]);
    expect(rx.code, rx.stderr).toBe(0);
    expect(rx.stdout).toMatch(/ , expire-time-period :600000\nCompleted expire operation. New expiry date : \S+$/);
    expect({ code: ox.code, stdout: noDates(swap(ox.stdout, ot, rt)) }).toEqual({ code: 0, stdout: noDates(rx.stdout) });
    const hmacFile = join(tmpdir(), `${uniqueName('hmac')}.txt`);
    writeFileSync(hmacFile, `${ot.hmac}\n`, { mode: 0o600 });
    const mx = await own(['expire', '--hmac-file', hmacFile]);
    expect({ code: mx.code, stderr: mx.stderr }).toEqual({ code: 0, stderr: '' });
    const gone = await kfk(['topic', 'list', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', c512]);
    expect({ code: gone.code, stdout: gone.stdout }).toEqual({ code: 1, stdout: '' });
    expect(gone.stderr).toBe(`kfk: authentication failed for ${cluster.saslBootstrap}: invalid credentials\nhint: check sasl.mechanism, the username and the password\n`);
    // An unknown (or expired) token: both name Kafka's exception.
    const unknown = [...SASL, '--renew', '--hmac', ot.hmac, '--renew-time-period', '1000'];
    const [ru, ou, mu] = await Promise.all([real(unknown), ours(unknown), own(['renew', '--hmac-file', hmacFile])]);
    const notFound = 'org.apache.kafka.common.errors.DelegationTokenNotFoundException: Delegation Token is not found on server.';
    expect([ru.code, ru.stderr.split('\n')[0]]).toEqual([1, notFound]);
    expect({ code: ou.code, stdout: ou.stdout, stderr: ou.stderr }).toEqual({ code: 1, stdout: ru.stdout, stderr: `${notFound}\n` });
    expect({ code: mu.code, stdout: mu.stdout, stderr: mu.stderr }).toEqual({ code: 1, stdout: '', stderr: 'kfk: Delegation Token is not found on server.\n' });
  }, 180_000);

  it('the PLAINTEXT listener refuses token requests; bad command lines fail as the tool fails', async () => {
    const plain = ['--bootstrap-server', cluster.bootstrap, '--command-config', '/dev/null', '--create', '--max-life-time-period', '-1'];
    const cases: string[][] = [
      plain,
      [...SASL, '--create'],
      [...SASL, '--create', '--describe'],
      ['--bootstrap-server', cluster.saslBootstrap!, '--describe'],
      [...SASL, '--renew', '--renew-time-period', '1'],
      [...SASL, '--describe', '--hmac', 'abc'],
      [...SASL, '--create', '--max-life-time-period', '1', '--renew-time-period', '5'],
      [...SASL, '--create', '--max-life-time-period', '-1', '--renewer-principal', 'bob'],
      [...SASL, '--create', '--max-life-time-period', 'soon'],
      [...SASL, '--describe', '--colour'],
      [...SASL, '--renew', '--hmac', 'not base64!', '--renew-time-period', '1000'],
    ];
    const results = await Promise.all(cases.map((c) => Promise.all([real(c), ours(c)])));
    for (const [i, [r, o]] of results.entries()) {
      const first = r.stderr.split('\n')[0];
      expect(r.code, `${cases[i].join(' ')}: ${r.stderr}`).toBe(1);
      expect({ case: cases[i].join(' '), code: o.code, stdout: o.stdout, stderr: o.stderr.split('\n')[0] }).toEqual({ case: cases[i].join(' '), code: 1, stdout: r.stdout, stderr: first });
    }
    expect(results.map(([r]) => r.stderr.split('\n')[0])).toEqual([
      'org.apache.kafka.common.errors.UnsupportedByAuthenticationException: Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.',
      'Missing required argument "[max-life-time-period]"',
      'Command must include exactly one action: --create, --renew, --expire or --describe',
      'Missing required argument "[command-config]"',
      'Missing required argument "[hmac]"',
      'Option "[describe]" can\'t be used with option "[hmac]"',
      'Option "[create]" can\'t be used with option "[renew-time-period]"',
      'expected a string in format principalType:principalName but got bob',
      'Cannot invoke "java.lang.Long.longValue()" because the return value of "joptsimple.OptionSet.valueOf(joptsimple.OptionSpec)" is null',
      'colour is not a recognized option',
      'Illegal base64 character 20',
    ]);
    // kfk's own: a usage error (exit 2) for what it cannot start with, never the HMAC as a flag.
    const mine = await Promise.all([
      own(['renew']),
      own(['renew', '--hmac-env', 'KFK_NO_SUCH_VARIABLE']),
      own(['create', '--renewer-principal', 'bob']),
      own(['expire', '--hmac', 'abc']),
    ]);
    expect(mine.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [2, '', "kfk: give the token's HMAC with --hmac-file <file> or --hmac-env <variable> (one of them)"],
      [2, '', 'kfk: --hmac-env: the environment variable KFK_NO_SUCH_VARIABLE is not set'],
      [2, '', "kfk: invalid principal 'bob': expected principalType:name, as User:alice"],
      [2, '', "kfk: unknown option '--hmac'"],
    ]);
  }, 120_000);
});
