// kafka-consumer-groups' command lines as kfk's, and its errors for a bad one: the texts below are
// what Kafka 4.4's ConsumerGroupCommand printed for the same arguments (first line of stderr, or
// its stdout where it exits 0).
import { describe, expect, it } from 'vitest';
import { translateConsumerGroups } from '../../src/compat/kafka-consumer-groups.js';
import { RESET_WARNING } from '../../src/format/group-text.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const failure = (args: string[]) => {
  try {
    translateConsumerGroups(args);
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message, exitCode: (err as { exitCode?: number }).exitCode };
  }
  return undefined;
};
const errorOf = (args: string[]) => failure(args)?.message;

describe('kafka-consumer-groups arguments', () => {
  it('translates each action to its kfk group command', () => {
    expect(translateConsumerGroups([...BS, '--list'])).toEqual(['group', 'list', '-o', 'text', ...BS]);
    expect(translateConsumerGroups([...BS, '--list', '--state', '--type', 'consumer'])).toEqual(['group', 'list', '-o', 'text', ...BS, '--state', '--type', 'consumer']);
    expect(translateConsumerGroups(['--bootstrap-server=h:1', '--list', '--state=', '--timeout', '3000'])).toEqual(['group', 'list', '-o', 'text', '--bootstrap-server', 'h:1', '--timeout', '3000', '--state']);
    expect(translateConsumerGroups([...BS, '--describe', '--group', 'a', '--group', 'b', '--members', '--verbose'])).toEqual([
      'group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--group', 'b', '--members', '--kafka-verbose',
    ]);
    expect(translateConsumerGroups([...BS, '--describe', '--all-groups', '--state', '--command-config', 'c.properties'])).toEqual([
      'group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--command-config', 'c.properties', '--all-groups', '--state',
    ]);
    expect(translateConsumerGroups([...BS, '--delete', '--all-groups'])).toEqual(['group', 'delete', '-o', 'text', '--kafka-errors', ...BS, '--all-groups']);
    expect(translateConsumerGroups([...BS, '--delete-offsets', '--group', 'a', '--topic', 't', '--topic', 'u:1'])).toEqual([
      'group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--topic', 't', '--topic', 'u:1',
    ]);
    expect(translateConsumerGroups([...BS, '--reset-offsets', '--group', 'a', '--topic', 't:0,1', '--shift-by', '-3', '--execute'])).toEqual([
      'group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--topic', 't:0,1', '--execute', '--shift-by', '-3',
    ]);
    expect(translateConsumerGroups([...BS, '--reset-offsets', '--group', 'a', '--from-file', 'plan.csv', '--dry-run', '--export'])).toEqual([
      'group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--dry-run', '--export', '--from-file', 'plan.csv',
    ]);
    expect(translateConsumerGroups(['--help'])).toEqual(['group', '--help']);
    expect(translateConsumerGroups(['--version'])).toEqual(['--version']);
  });

  it('takes whole option names only, as the tool', () => {
    expect(errorOf([...BS, '--desc', '--group', 'a'])).toBe('Exception in thread "main" joptsimple.UnrecognizedOptionException: desc is not a recognized option');
    expect(errorOf([...BS, '--describe', '--group'])).toBe('Exception in thread "main" joptsimple.OptionMissingRequiredArgumentException: Option group requires an argument');
    expect(errorOf([...BS, '--describe', '--group', 'a', '--type'])).toBe('Exception in thread "main" joptsimple.UnavailableOptionException: Option(s) [type] are unavailable given other options on the command line');
  });

  it("makes ConsumerGroupCommandOptions' checks in its order", () => {
    expect(errorOf(['--list'])).toBe('Missing required argument "[bootstrap-server]"');
    expect(errorOf([...BS, '--describe', '--group', 'a', '--state', '--members'])).toBe('Option [describe] takes at most one of these options: [members], [offsets], [state]');
    expect(errorOf([...BS, '--describe', '--group', 'a', '--state', 'Stable'])).toBe('Option [describe] does not take a value for [state]');
    expect(errorOf([...BS, '--delete-offsets', '--group', 'a'])).toBe('Option [delete-offsets] takes the following options: [group], [topic]');
    // One group at a time, as the tool (Kafka 4.4's lines, checked against it).
    expect(errorOf([...BS, '--delete-offsets', '--all-groups', '--topic', 't'])).toBe('Option [delete-offsets] takes the following options: [group], [topic]');
    expect(errorOf([...BS, '--delete-offsets', '--all-groups', '--group', 'a', '--topic', 't'])).toBe('Option "[group]" can\'t be used with option "[all-groups]"');
    // Without --dry-run or --execute, the tool's warning comes first.
    expect(errorOf([...BS, '--reset-offsets', '--group', 'a', '--topic', 't', '--to-earliest', '--to-offset', '3'])).toBe(`${RESET_WARNING}\nOption "[to-offset]" can't be used with option "[to-earliest]"`);
    expect(errorOf([...BS, '--reset-offsets', '--group', 'a', '--all-groups', '--topic', 't', '--to-earliest', '--dry-run'])).toBe('Option "[group]" can\'t be used with option "[all-groups]"');
    expect(errorOf([...BS, '--list', '--group', 'a'])).toBe('Option "[group]" can\'t be used with option "[list]"');
    expect(errorOf([...BS, '--list', '--topic', 't'])).toBe('Option "[topic]" can\'t be used with option "[list]"');
  });

  it('reports on stdout, exit 0, what the tool fails on once it runs', () => {
    expect(failure([...BS, '--list', '--timeout', 'abc'])).toEqual({ name: 'ToolReport', exitCode: 0, message: "\nError: Executing consumer group command failed due to Cannot parse argument 'abc' of option timeout\n" });
    expect(failure([...BS, '--delete-offsets', '--group', 'a', '--group', 'b', '--topic', 't'])).toEqual({
      name: 'ToolReport',
      exitCode: 0,
      message: '\nError: Executing consumer group command failed due to Found multiple arguments for option group, but you asked for only one\n',
    });
  });

  it('resets several groups, or every group', () => {
    expect(translateConsumerGroups([...BS, '--reset-offsets', '--all-groups', '--all-topics', '--to-earliest', '--dry-run'])).toEqual([
      'group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--all-groups', '--all-topics', '--to-earliest', '--dry-run',
    ]);
    expect(translateConsumerGroups([...BS, '--reset-offsets', '--group', 'a', '--group', 'b', '--topic', 't', '--shift-by', '-2', '--execute'])).toEqual([
      'group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--group', 'b', '--topic', 't', '--execute', '--shift-by', '-2',
    ]);
  });

  it('says what kfk does not do, exit 1', () => {
    expect(failure([...BS, '--validate-regex', 'a.*', '--timeout', 'x'])).toMatchObject({ exitCode: 1, message: expect.stringContaining('--validate-regex') });
    // kfk's describe and delete would take a comma for two groups.
    expect(failure([...BS, '--describe', '--group', 'a,b'])).toMatchObject({ exitCode: 1, message: "kfk's kafka-consumer-groups cannot name a group with a comma in its id: 'a,b'" });
    expect(failure([...BS, '--delete', '--group', 'x', '--group', 'a,b'])).toMatchObject({ exitCode: 1, message: "kfk's kafka-consumer-groups cannot name a group with a comma in its id: 'a,b'" });
  });
});
