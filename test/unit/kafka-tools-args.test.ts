// The joptsimple drop-ins' command lines as Kafka 4.4's tools parse them (CommandDefaultOptions:
// no abbreviations; a required argument is the next token whatever it looks like): the texts
// below are the first line Kafka 4.4's tools printed for the same arguments.
import { describe, expect, it } from 'vitest';
import { translateTool } from '../../src/compat/kafka-tools.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const errorOf = (tool: string, args: string[]) => {
  try {
    translateTool(tool, args);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('joptsimple drop-ins', () => {
  it('refuse an abbreviated option as the tools do', () => {
    expect(errorOf('kafka-log-dirs', [...BS, '--desc'])).toBe('desc is not a recognized option');
    expect(errorOf('kafka-delete-records', [...BS, '--offset-json', 'x'])).toBe('offset-json is not a recognized option');
    expect(errorOf('kafka-leader-election', [...BS, '--election', 'preferred'])).toBe('election is not a recognized option');
    expect(errorOf('kafka-configs', [...BS, '--describe', '--entity-t', 'topics'])).toBe('entity-t is not a recognized option');
    // kafka-reassign-partitions does not catch joptsimple's exception: the JVM's line.
    expect(errorOf('kafka-reassign-partitions', [...BS, '--lis'])).toBe('Exception in thread "main" joptsimple.UnrecognizedOptionException: lis is not a recognized option');
  });

  it('take the next token as a required argument, as joptsimple does', () => {
    expect(translateTool('kafka-log-dirs', ['--bootstrap-server', '--describe', '--describe'])?.argv).toEqual(['log-dirs', 'describe', '-o', 'text', '--bootstrap-server', '--describe']);
    expect(errorOf('kafka-log-dirs', ['--describe', '--bootstrap-server'])).toBe('Option bootstrap-server requires an argument');
  });
});
