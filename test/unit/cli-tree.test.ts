import type { AnyCommand as Command } from '../../src/cli/commander.js';
import { describe, expect, it } from 'vitest';
import { TOP_LEVEL_ONLY, buildProgram } from '../../src/cli/program.js';

function leaves(cmd: Command, path: string[] = []): Array<{ path: string[]; cmd: Command }> {
  const subs = cmd.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ path, cmd }];
  return subs.flatMap((c) => leaves(c, [...path, c.name()]));
}

describe('the command tree', () => {
  const program = buildProgram('0.0.0', () => async () => undefined);
  const all = leaves(program);
  it('has the commands every runbook needs', () => {
    const names = all.map((l) => l.path.join(' '));
    for (const n of ['topic create', 'topic alter', 'topic describe', 'topic list', 'topic delete', 'produce', 'consume', 'local start', 'local stop', 'local status', 'local logs', 'group list', 'group describe', 'group reset-offsets', 'group delete', 'group delete-offsets', 'config describe', 'config alter', 'cluster describe', 'offsets']) {
      expect(names).toContain(n);
    }
  });
  it.each(all.map((l) => [l.path.join(' '), l.cmd] as const))('%s --help shows an example', (_name, cmd) => {
    let text = '';
    cmd.configureOutput({ writeOut: (s) => (text += s) });
    cmd.outputHelp();
    expect(text).toMatch(/Examples:\n {2}\$ .*\bkfk /);
  });
});

describe('kfk --help from the top-level commands alone', () => {
  it('is the same text as from the whole tree', () => {
    const help = (program: Command) => {
      let text = '';
      program.configureOutput({ writeOut: (s) => (text += s) });
      program.outputHelp();
      return text;
    };
    const whole = help(buildProgram('0.0.0', () => async () => undefined));
    const top = buildProgram('0.0.0', () => async () => undefined, undefined, TOP_LEVEL_ONLY);
    expect(help(top)).toBe(whole);
    expect(whole).toContain('  topic ');
    // The top-level commands only: nothing under them was defined.
    expect(top.commands.find((c) => c.name() === 'topic')?.commands).toEqual([]);
  });
});

describe("an unknown option that is one of Kafka's tools' flags", () => {
  /** What kfk writes on stderr for `args`, parsed by the whole tree. */
  const error = (args: string[]) => {
    let err = '';
    const program = buildProgram('0.0.0', () => async () => undefined, { writeOut: () => undefined, writeErr: (s) => (err += s) });
    expect(() => program.parse(['node', 'kfk', ...args])).toThrow();
    return err;
  };
  it.each([
    [['topic', '--list'], "kfk: unknown option '--list' (Did you mean kfk topic list?)\n"],
    [['config', '--describe', '--entity-type', 'topics'], "kfk: unknown option '--describe' (Did you mean kfk config describe?)\n"],
    [['acl', '--add', '--allow-principal', 'User:a'], "kfk: unknown option '--add' (Did you mean kfk acl create?)\n"],
    [['config', 'describe', '--entity-type', 'topics'], "kfk: unknown option '--entity-type' (kfk-kafka-configs takes kafka-configs' own flags)\n"],
    [['acl', '--remove', '--topic', 't'], "kfk: unknown option '--remove' (Did you mean kfk acl delete?)\n"],
    [['cluster', '--cluster-id'], "kfk: unknown option '--cluster-id' (Did you mean kfk cluster id?)\n"],
    // commander would say "Did you mean --version?" here.
    [['partition', 'reassign', '--verify', '--reassignment-json-file', 'f'], "kfk: unknown option '--verify' (Did you mean kfk partition reassign verify?)\n"],
    [['topic', 'describe', '--describe'], "kfk: unknown option '--describe' (kfk-kafka-topics takes kafka-topics' own flags)\n"],
    [['cluster', 'quorum', '--describe'], "kfk: unknown option '--describe' (kfk-kafka-metadata-quorum takes kafka-metadata-quorum's own flags)\n"],
    [['kafka-topics', '--list'], "kfk: unknown command 'kafka-topics' (Did you mean kfk compat kafka-topics, or kfk-kafka-topics?)\n"],
    [['kafka-consumer-groups.sh', '--list'], "kfk: unknown command 'kafka-consumer-groups.sh' (Did you mean kfk compat kafka-consumer-groups, or kfk-kafka-consumer-groups?)\n"],
    [['topic', '--bootstrap-server', 'x:1', 'list'], "kfk: unknown option '--bootstrap-server' (it goes after the command: kfk topic <command> --bootstrap-server)\n"],
  ])('kfk %j', (args, stderr) => {
    expect(error(args)).toBe(stderr);
  });
  it.each([
    // A near flag of kfk's keeps commander's suggestion; a command without a tool of its own, or
    // kfk itself, says nothing more.
    [['topic', 'create', '--replication-factr', '1'], "kfk: unknown option '--replication-factr' (Did you mean --replication-factor?)\n"],
    [['produce', '--xyz'], "kfk: unknown option '--xyz'\n"],
    [['local', 'start', '--xyz'], "kfk: unknown option '--xyz'\n"],
    [['partition', 'reassign', 'verify', '--verify'], "kfk: unknown option '--verify' (Did you mean --version?)\n"],
    // kfk's own flag where this command does not take it (nor does the tool's action).
    [['partition', 'reassign', 'verify', '--bootstrap-controller', 'x:1'], "kfk: unknown option '--bootstrap-controller'\n"],
    [['--topic', 'x'], "kfk: unknown option '--topic'\n"],
    [['kafka-run-class', 'x'], "kfk: unknown command 'kafka-run-class'\n"],
    [['tpoic', 'list'], "kfk: unknown command 'tpoic' (Did you mean topic?)\n"],
  ])('kfk %j: no hint', (args, stderr) => {
    expect(error(args)).toBe(stderr);
  });
});
