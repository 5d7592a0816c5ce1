// kafka-streams-groups' command lines as kfk's, and what the drop-in refuses. The tool's own error
// lines for bad command lines are compared with Kafka 4.4's StreamsGroupCommand in
// test/e2e/streams-groups.test.ts.
import { describe, expect, it } from 'vitest';
import { translateStreamsGroups } from '../../src/compat/kafka-streams-groups.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const errorOf = (args: string[]) => {
  try {
    translateStreamsGroups(args);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('kafka-streams-groups arguments', () => {
  it('list, describe and delete as kfk streams-group commands', () => {
    expect(translateStreamsGroups([...BS, '--list', '--state', 'stable,EMPTY'])).toEqual(['streams-group', 'list', '-o', 'text', ...BS, '--state=Stable,Empty']);
    expect(translateStreamsGroups([...BS, '--describe', '--group', 'a', '--group', 'b', '--members', '--verbose', '--timeout', '5000'])).toEqual([
      'streams-group', 'describe', '-o', 'text', '--kafka-errors', ...BS, '--timeout', '5000', '--group', 'a', '--group', 'b', '--members', '--kafka-verbose',
    ]);
    expect(translateStreamsGroups([...BS, '--delete', '--all-groups'])).toEqual(['streams-group', 'delete', '-o', 'text', '--kafka-errors', ...BS, '--all-groups']);
  });

  it('--reset-offsets of one group: --input-topic and --all-input-topics are --topic and --all-topics', () => {
    expect(translateStreamsGroups([...BS, '--reset-offsets', '--group', 'app', '--input-topic', 'in:0,1', '--shift-by', '-5', '--dry-run'])).toEqual([
      'streams-group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'app', '--topic', 'in:0,1', '--shift-by', '-5', '--dry-run',
    ]);
    expect(translateStreamsGroups([...BS, '--reset-offsets', '--group', 'app', '--all-input-topics', '--to-datetime', '2026-12-01T00:00:00.000', '--execute', '--export'])).toEqual([
      'streams-group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'app', '--all-topics', '--to-datetime', '2026-12-01T00:00:00.000', '--execute', '--export',
    ]);
  });

  it("checks the reset as StreamsGroupCommandOptions does, in its order", () => {
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--all-input-topics', '--to-earliest'])).toBe('Option [reset-offsets] takes the option: [execute] or [dry-run]');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--to-earliest', '--dry-run', '--execute'])).toBe('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    expect(errorOf([...BS, '--reset-offsets', '--to-earliest', '--dry-run'])).toBe('Option [reset-offsets] takes one of these options: [all-groups], [group]');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--all-input-topics', '--to-earliest', '--to-latest', '--dry-run'])).toBe('Option "[to-earliest]" can\'t be used with option "[to-latest]"');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--to-earliest', '--dry-run'])).toBe('One of the reset scopes should be defined: --all-input-topics, --input-topic.');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--all-input-topics', '--dry-run'])).toMatch(/^Option '\[reset-offsets\]' requires one of the following scenarios: /);
  });

  it('--delete-offsets of one group: --input-topic and --all-input-topics', () => {
    expect(translateStreamsGroups([...BS, '--delete-offsets', '--group', 'app', '--input-topic', 'a', '--input-topic', 'b:1'])).toEqual([
      'streams-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'app', '--topic', 'a', '--topic', 'b:1',
    ]);
    expect(translateStreamsGroups([...BS, '--delete-offsets', '--group', 'app', '--all-input-topics'])).toEqual(['streams-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...BS, '--group', 'app', '--all-topics']);
    expect(errorOf([...BS, '--delete-offsets', '--group', 'app'])).toBe('Option [delete-offsets] takes the [group] and one of these options: [all-input-topics], [input-topic]');
    expect(errorOf([...BS, '--delete-offsets', '--group', 'a', '--group', 'b', '--all-input-topics'])).toBe('Option [delete-offsets] supports only one [group] at a time, but found: [a, b]');
  });

  it('says what kfk does not do, in one line', () => {
    expect(translateStreamsGroups([...BS, '--reset-offsets', '--all-groups', '--all-input-topics', '--to-earliest', '--dry-run'])).toEqual([
      'streams-group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...BS, '--all-groups', '--all-topics', '--to-earliest', '--dry-run',
    ]);
    expect(errorOf([...BS, '--describe', '--group', 'g', '--topology'])).toMatch(/^kfk's kafka-streams-groups does not do --topology/);
    expect(translateStreamsGroups([...BS, '--delete', '--group', 'g', '--delete-all-internal-topics'])).toEqual(['streams-group', 'delete', '-o', 'text', '--kafka-errors', ...BS, '--group', 'g', '--delete-all-internal-topics']);
    expect(errorOf([...BS, '--describe', '--group', 'g', '--delete-all-internal-topics'])).toBe('Option [delete-all-internal-topics] takes one of these options: [delete], [reset-offsets]');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--all-input-topics', '--to-earliest', '--dry-run', '--delete-all-internal-topics'])).toBe('Option [delete-all-internal-topics] takes [execute] when [reset-offsets] is used.');
    expect(errorOf([...BS, '--reset-offsets', '--group', 'g', '--all-input-topics', '--to-earliest', '--dry-run', '--delete-internal-topic', 'g-x-changelog'])).toBe('Option [delete-internal-topic] takes [reset-offsets] when [execute] is used.');
    expect(errorOf([...BS, '--describe', '--group', 'a,b'])).toBe("kfk's kafka-streams-groups cannot name a group with a comma in its id: 'a,b'");
  });
});
