// Client metrics subscriptions (KIP-714): kafka-client-metrics and kafka-configs --entity-type
// client-metrics against kfk's drop-ins and kfk client-metrics, on the shared test broker: the
// same command lines, stdout byte for byte, the error lines and the exit codes. The tests run in
// order: the listings hold every subscription of the cluster.
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { dropIn, realScript } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => realScript('kafka-client-metrics', [...BS, ...args]);
const ours = (args: string[]) => dropIn('kafka-client-metrics', [...BS, ...args]);

/** The tool and the drop-in on the same command line: the same stdout and exit code, nothing on the drop-in's stderr. */
async function expectSame(args: string[]): Promise<string> {
  const r = await real(args);
  const o = await ours(args);
  expect(r.code, r.stderr).toBe(0);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 0, stdout: r.stdout, stderr: '' });
  return r.stdout;
}

async function expectSameError(args: string[], line: string) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect(r.code).toBe(1);
  // The tool prints its usage or a stack trace around the line; kfk prints the line alone.
  expect(r.stderr.split('\n')).toContain(line);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: line + '\n' });
}

describe.sequential('kafka-client-metrics (kfk client-metrics)', () => {
  const [a, b] = [uniqueName('cm-a'), uniqueName('cm-b')];

  it('--alter, --list and --describe print what the tool prints; kfk client-metrics the same text', async () => {
    const set = ['--metrics', 'org.apache.kafka.producer.,org.apache.kafka.consumer.coordinator', '--interval', '60000', '--match', 'client_id=app-.*,client_software_name=kfk'];
    const [r, o] = await Promise.all([real(['--alter', '--name', a, ...set]), ours(['--alter', '--name', b, ...set])]);
    expect(r).toMatchObject({ code: 0, stdout: `Altered client metrics config for ${a}.\n` });
    expect(o).toMatchObject({ code: 0, stdout: `Altered client metrics config for ${b}.\n`, stderr: '' });
    const list = await expectSame(['--list']);
    expect(list.split('\n')).toEqual(expect.arrayContaining([a, b]));
    const one = await expectSame(['--describe', '--name', b]);
    expect(one).toBe(
      `Client metrics configs for ${b} are:\n  interval.ms=60000\n  match=client_id=app-.*,client_software_name=kfk\n  metrics=org.apache.kafka.producer.,org.apache.kafka.consumer.coordinator\n`,
    );
    const all = await expectSame(['--describe']);
    expect(all).toContain(one);
    expect(all).toContain(one.replaceAll(b, a));
    // kfk's own commands: the same text, and JSON.
    expect(await kfk(['client-metrics', 'list', ...BS])).toMatchObject({ code: 0, stdout: list, stderr: '' });
    expect(await kfk(['client-metrics', 'describe', ...BS, '--name', b])).toMatchObject({ code: 0, stdout: one, stderr: '' });
    const json = await kfk(['client-metrics', 'describe', ...BS, '--name', a, '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        name: a,
        configs: [
          { name: 'interval.ms', value: '60000' },
          { name: 'match', value: 'client_id=app-.*,client_software_name=kfk' },
          { name: 'metrics', value: 'org.apache.kafka.producer.,org.apache.kafka.consumer.coordinator' },
        ],
      },
    ]);
  });

  it('an empty value removes a key; a repeated --metrics is joined; kafka-configs sees the same resources', async () => {
    const [r, o] = await Promise.all([real(['--alter', '--name', a, '--match', '', '--metrics', 'x.', '--metrics', 'y.,z.']), ours(['--alter', '--name', b, '--match', '', '--metrics', 'x.', '--metrics', 'y.,z.'])]);
    expect(r.code).toBe(0);
    expect(o).toMatchObject({ code: 0, stderr: '' });
    const one = await expectSame(['--describe', '--name', b]);
    expect(one).toBe(`Client metrics configs for ${b} are:\n  interval.ms=60000\n  match=\n  metrics=x.,y.,z.\n`);
    const configs = (args: string[]) => Promise.all([realScript('kafka-configs', [...BS, ...args]), dropIn('kafka-configs', [...BS, ...args])]);
    for (const args of [
      ['--describe', '--entity-type', 'client-metrics', '--entity-name', b],
      ['--describe', '--entity-type', 'client-metrics'],
      ['--describe', '--entity-type', 'client-metrics', '--entity-name', uniqueName('cm-none')],
      ['--alter', '--entity-type', 'client-metrics', '--entity-name', b, '--add-config', 'interval.ms=120000'],
    ]) {
      const [rc, oc] = await configs(args);
      expect(rc.code, rc.stderr).toBe(0);
      expect({ code: oc.code, stdout: oc.stdout, stderr: oc.stderr }, args.join(' ')).toEqual({ code: 0, stdout: rc.stdout, stderr: '' });
    }
    const [rc, oc] = await configs(['--describe', '--entity-type', 'client-metrics', '--entity-name', b]);
    expect(oc.stdout).toBe(rc.stdout);
    expect(oc.stdout).toContain(`Dynamic configs for client-metric ${b} are:\n  interval.ms=120000 sensitive=false synonyms={DYNAMIC_CLIENT_METRICS_CONFIG:interval.ms=120000}\n`);
    const [rn, on] = await configs(['--alter', '--entity-type', 'client-metrics', '--add-config', 'interval.ms=1000']);
    expect(rn.code).toBe(1);
    expect(rn.stdout + rn.stderr).toContain('An entity name must be specified with --alter of client-metrics');
    expect(on).toMatchObject({ code: 1, stdout: '', stderr: 'An entity name must be specified with --alter of client-metrics\n' });
  });

  it('a name the cluster does not list, a value the broker refuses, --generate-name and --delete: as the tool', async () => {
    const none = uniqueName('cm-none');
    expect(await expectSame(['--describe', '--name', none])).toBe(`The client metric resource ${none} doesn't exist and doesn't have dynamic config.\n`);
    const [r, o] = await Promise.all([real(['--alter', '--name', a, '--interval', '5']), ours(['--alter', '--name', b, '--interval', '5'])]);
    expect(r).toMatchObject({ code: 1, stdout: 'Error while executing client metrics command : Invalid value 5 for interval.ms, interval must be between 100 and 3600000 (1 hour)\n' });
    expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: '' });
    const own = await kfk(['client-metrics', 'alter', ...BS, '--name', b, '--interval', '5']);
    expect(own).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: Invalid value 5 for interval.ms, interval must be between 100 and 3600000 (1 hour)\n' });
    const generated = await ours(['--alter', '--generate-name', '--interval', '1000']);
    expect(generated).toMatchObject({ code: 0, stderr: '' });
    const name = /^Altered client metrics config for ([A-Za-z0-9_-]{22})\.\n$/.exec(generated.stdout)?.[1];
    expect(name, generated.stdout).toBeDefined();
    expect((await kfk(['client-metrics', 'list', ...BS])).stdout.split('\n')).toContain(name);
    for (const n of [a, b, name!]) {
      const d = await ours(['--delete', '--name', n]);
      expect(d).toMatchObject({ code: 0, stdout: `Deleted client metrics config for ${n}.\n`, stderr: '' });
    }
    const rd = await real(['--delete', '--name', none]);
    expect(rd).toMatchObject({ code: 0, stdout: `Deleted client metrics config for ${none}.\n` });
    expect(await ours(['--delete', '--name', none])).toMatchObject({ code: 0, stdout: rd.stdout, stderr: '' });
    const left = await expectSame(['--list']);
    for (const n of [a, b, name!]) expect(left.split('\n')).not.toContain(n);
  });

  it("bad command lines: the tool's error line and exit code", async () => {
    await Promise.all([
      expectSameError([], 'Command must include exactly one action: --alter, --delete, --describe or --list.'),
      expectSameError(['--list', '--describe'], 'Command must include exactly one action: --alter, --delete, --describe or --list.'),
      expectSameError(['--list', '--name', 'x'], 'Option "[list]" can\'t be used with option "[name]"'),
      expectSameError(['--describe', '--interval', '100'], 'Option "[describe]" can\'t be used with option "[interval]"'),
      expectSameError(['--delete', '--metrics', 'x'], 'Option "[delete]" can\'t be used with option "[metrics]"'),
      expectSameError(['--alter'], 'One of --name or --generate-name must be specified with --alter.'),
      expectSameError(['--alter', '--name', 'x', '--generate-name'], 'One of --name or --generate-name must be specified with --alter.'),
      expectSameError(['--delete'], 'A client metrics resource name must be specified with --delete.'),
      expectSameError(['--alter', '--name', 'x', '--interval', 'often'], 'Invalid interval value. Enter an integer, or leave empty to reset.'),
    ]);
    const noServer = await Promise.all([realScript('kafka-client-metrics', ['--list']), dropIn('kafka-client-metrics', ['--list'])]);
    expect(noServer[0].stderr.split('\n')).toContain('--bootstrap-server must be specified.');
    expect(noServer[1]).toMatchObject({ code: 1, stdout: '', stderr: '--bootstrap-server must be specified.\n' });
    // kfk's own command: its usage errors exit 2.
    expect(await kfk(['client-metrics', 'alter', ...BS])).toMatchObject({ code: 2, stdout: '', stderr: 'kfk: One of --name or --generate-name must be specified with --alter.\n' });
    expect(await kfk(['client-metrics', 'delete', ...BS])).toMatchObject({ code: 2, stdout: '', stderr: 'kfk: A client metrics resource name must be specified with --delete.\n' });
  });
});
