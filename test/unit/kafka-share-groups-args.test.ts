// kafka-share-groups' argument errors and its command lines as kfk's: the error texts below are
// what Kafka 4.4's ShareGroupCommand printed for the same arguments (the first line of its
// stderr; joptsimple's own errors after `Exception in thread "main" joptsimple.<Exception>: `).
import { describe, expect, it } from 'vitest';
import { translateShareGroups } from '../../src/compat/kafka-share-groups.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const errorOf = (args: string[]) => {
  try {
    translateShareGroups(args);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('kafka-share-groups arguments', () => {
  it("parses as joptsimple does: whole names only, a required argument whatever follows, --state's value only when not an option", () => {
    expect(errorOf([...BS, '--lis'])).toBe('lis is not a recognized option');
    expect(errorOf([...BS, '--list', '--stat'])).toBe('stat is not a recognized option');
    expect(errorOf([...BS, '--by-duration', 'PT1H'])).toBe('by-duration is not a recognized option');
    expect(errorOf([...BS, '--group'])).toBe('Option group requires an argument');
    expect(errorOf([...BS, '--list', '--members', '--verbose'])).toBe('Option(s) [members, verbose] are unavailable given other options on the command line');
    expect(translateShareGroups([...BS, '--describe', '--group', '--list'])).toEqual(['share-group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--group', '--list']);
    expect(errorOf([...BS, '--list', '--state', '--describe'])).toBe('Option [describe] takes one of these options: [all-groups], [group]');
    expect(translateShareGroups([...BS, '--list', '-state'])).toEqual(['share-group', 'list', '-o', 'text', ...BS, '--state=']);
  });

  it("checks as ShareGroupCommandOptions.checkArgs does, in its order, with its words", () => {
    const cases: Array<[string[], string]> = [
      [['--list'], 'Missing required argument "[bootstrap-server]"'],
      [[...BS], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets.'],
      [[...BS, '--list', '--describe'], 'Option [describe] takes one of these options: [all-groups], [group]'],
      [[...BS, '--describe', '--group', 'g', '--members', '--state'], 'Option [describe] takes at most one of these options: [members], [offsets], [state]'],
      [[...BS, '--describe', '--group', 'g', '--state', 'Stable'], 'Option [describe] does not take a value for [state]'],
      [[...BS, '--describe', '--all-groups', '--state='], 'Option [describe] does not take a value for [state]'],
      [[...BS, '--describe', '--group', 'g', '--all-groups'], 'Option "[group]" can\'t be used with option "[all-groups]"'],
      [[...BS, '--describe', '--group', 'g', '--topic', 't'], 'Option "[topic]" can\'t be used with option "[describe]"'],
      [[...BS, '--delete'], 'Option [delete] takes the options [group] or [all-groups].'],
      [[...BS, '--delete', '--group', 'g', '--all-groups'], 'Option [delete] takes either [group] or [all-groups], not both.'],
      [[...BS, '--delete', '--group', 'g', '--topic', 't'], 'Option [delete] does not take the options [topic] or [all-topics].'],
      [[...BS, '--delete-offsets', '--group', 'g'], 'Option [delete-offsets] takes the following options: [group], [topic]'],
      [[...BS, '--reset-offsets', '--group', 'g', '--to-earliest'], 'Option [reset-offsets] takes the option: [execute] or [dry-run]'],
      [[...BS, '--reset-offsets', '--group', 'g', '--to-earliest', '--dry-run', '--execute'], 'Option [reset-offsets] only accepts one of [execute] and [dry-run]'],
      [[...BS, '--reset-offsets', '--to-earliest', '--dry-run'], 'Option [reset-offsets] takes the option: [group]'],
      [[...BS, '--reset-offsets', '--group', 'g', '--to-earliest', '--dry-run'], 'Option [reset-offsets] takes one of these options: [all-topics], [from-file], [topic]'],
      [[...BS, '--reset-offsets', '--group', 'g', '--all-topics', '--dry-run'], 'Option [reset-offsets] takes one of these options: [from-file], [to-current], [to-datetime], [to-earliest], [to-latest], [to-offset]'],
      [[...BS, '--reset-offsets', '--group', 'g', '--all-topics', '--topic', 't', '--to-earliest', '--dry-run'], 'Option "[topic]" can\'t be used with option "[all-topics]"'],
      [[...BS, '--reset-offsets', '--group', 'g', '--all-topics', '--to-earliest', '--to-latest', '--dry-run'], 'Option "[to-earliest]" can\'t be used with option "[to-latest]"'],
      [[...BS, '--list', '--group', 'g'], 'Option "[group]" can\'t be used with option "[list]"'],
      [[...BS, '--list', '--topic', 't'], 'Option "[topic]" can\'t be used with option "[list]"'],
    ];
    for (const [args, text] of cases) expect({ args, text: errorOf(args) }).toEqual({ args, text });
  });

  it('then what the tool finds once it runs: an unknown state, a value given twice, a number it cannot read', () => {
    expect(errorOf([...BS, '--list', '--state', 'Foo'])).toBe("Invalid state list 'Foo'. Valid states are: Dead, Empty, Stable");
    expect(errorOf([...BS, '--list', '--state', ',Stable'])).toBe("Invalid state list ',Stable'. Valid states are: Dead, Empty, Stable");
    // These the tool reports on stdout, exit 0 (ToolReport).
    expect(errorOf([...BS, '--list', '--timeout', 'abc'])).toBe("\nError: Executing share group command failed due to Cannot parse argument 'abc' of option timeout\n");
    expect(errorOf([...BS, '--reset-offsets', '--group', 'a', '--group', 'b', '--all-topics', '--to-latest', '--dry-run'])).toBe(
      '\nError: Executing share group command failed due to Found multiple arguments for option group, but you asked for only one\n',
    );
    expect(errorOf([...BS, '--describe', '--group', 'a,b'])).toBe("kfk's kafka-share-groups cannot name a group with a comma in its id: 'a,b'");
  });

  it('translates each action to kfk share-group in text mode, with the tool\'s wording of failures', () => {
    expect(translateShareGroups([...BS, '--list'])).toEqual(['share-group', 'list', '-o', 'text', ...BS]);
    expect(translateShareGroups([...BS, '--list', '--state', 'stable, Empty,', '--timeout', '5000', '--command-config', 'c.properties'])).toEqual([
      'share-group', 'list', '-o', 'text', ...BS, '--command-config', 'c.properties', '--timeout', '5000', '--state=Stable,Empty',
    ]);
    expect(translateShareGroups([...BS, '--describe', '--group', 'a', '--group', 'b', '--members', '--verbose'])).toEqual([
      'share-group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--group', 'a', '--group', 'b', '--members', '--kafka-verbose',
    ]);
    expect(translateShareGroups([...BS, '--describe', '--all-groups', '--state'])).toEqual(['share-group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--all-groups', '--state']);
    expect(translateShareGroups([...BS, '--delete', '--all-groups'])).toEqual(['share-group', 'delete', '-o', 'text', '--kafka-errors', ...BS, '--all-groups']);
    expect(translateShareGroups([...BS, '--delete-offsets', '--group', 'g', '--topic', 'a', '--topic', 'b'])).toEqual([
      'share-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'g', '--topic', 'a', '--topic', 'b',
    ]);
    expect(translateShareGroups([...BS, '--reset-offsets', '--group', 'g', '--topic', 't:0,1', '--to-offset', '+5', '--execute', '--export'])).toEqual([
      'share-group', 'reset-offsets', '-o', 'text', ...BS, '--group', 'g', '--topic', 't:0,1', '--to-offset', '5', '--execute', '--export',
    ]);
    expect(translateShareGroups([...BS, '--reset-offsets', '--group', 'g', '--from-file', 'plan.csv', '--dry-run'])).toEqual([
      'share-group', 'reset-offsets', '-o', 'text', ...BS, '--group', 'g', '--from-file', 'plan.csv', '--dry-run',
    ]);
    expect(translateShareGroups([...BS, '--reset-offsets', '--group', 'g', '--all-topics', '--to-datetime', '2024-05-01T00:00:00.000', '--dry-run'])).toEqual([
      'share-group', 'reset-offsets', '-o', 'text', ...BS, '--group', 'g', '--all-topics', '--to-datetime', '2024-05-01T00:00:00.000', '--dry-run',
    ]);
    expect(translateShareGroups([])).toEqual(['share-group', '--help']);
    expect(translateShareGroups(['--help'])).toEqual(['share-group', '--help']);
    expect(translateShareGroups(['--version'])).toEqual(['--version']);
  });
});
