// kafka-get-offsets' argument errors and its command lines as kfk's, and its --topic-partitions
// rules: the error texts below are what Kafka 4.4's GetOffsetShell printed (the first line of its
// stderr) for the same arguments.
import { describe, expect, it } from 'vitest';
import { translateGetOffsets } from '../../src/compat/kafka-get-offsets.js';
import { includeListRegex, parseTopicPartitionRules, ruleMatchers } from '../../src/format/topic-partition-rules.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const KFK = ['offsets', '-o', 'text', '--kafka-errors', ...BS];
const errorOf = (args: string[]) => {
  try {
    translateGetOffsets(args);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('kafka-get-offsets arguments', () => {
  it('reports a bad command line as GetOffsetShell does, in its order', () => {
    const cases: Array<[string[], string]> = [
      [[], 'An interactive shell for getting topic-partition offsets.'],
      [['--topic', 'x'], 'Missing required argument "[bootstrap-server]"'],
      [[...BS, '--foo'], 'Error occurred: foo is not a recognized option'],
      [[...BS, '--top', 'x'], 'Error occurred: top is not a recognized option'],
      [['--broker-list', 'localhost:9092', '--topic', 'x'], 'Error occurred: broker-list is not a recognized option'],
      [[...BS, '--topic'], 'Error occurred: Option topic requires an argument'],
      [['--bootstrap-server', 'bad', '--topic', 'x'], 'Please provide valid host:port like host1:9091,host2:9092'],
      [[...BS, '--topic-partitions', 'a', '--topic', 'b'], 'Error occurred: --topic-partitions cannot be used with --topic or --partitions'],
      [[...BS, '--topic-partitions', 'a', '--time', 'foo'], 'Error occurred: Malformed time argument foo. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp'],
      [[...BS, '--partitions', 'a'], 'Error occurred: --partitions expects a comma separated list of numeric partition ids, but received: a'],
      [[...BS, '--partitions', '1,,2'], 'Error occurred: --partitions expects a comma separated list of numeric partition ids, but received: 1,,2'],
      [[...BS, '--topic-partitions', 'a:x'], 'Error occurred: org.apache.kafka.tools.TerseException: Invalid rule specification: a:x'],
      [[...BS, '--topic', '['], 'Error occurred: [ is an invalid regex.'],
      [[...BS, '--topic', 'a', '--topic', 'b'], 'Error occurred: Found multiple arguments for option topic, but you asked for only one'],
      [[...BS, '--partitions', '-1'], 'Error occurred: Could not match any topic-partitions with the specified filters'],
    ];
    for (const [args, text] of cases) expect({ args, text: errorOf(args) }).toEqual({ args, text });
  });

  it('names the times kfk does not ask for', () => {
    expect(errorOf([...BS, '--time', '-3'])).toBe("kfk's kafka-get-offsets does not support --time -3 (max-timestamp): only -1 (latest), -2 (earliest) and timestamps");
    expect(errorOf([...BS, '--time', 'latest-tiered'])).toBe("kfk's kafka-get-offsets does not support --time latest-tiered: only -1 (latest), -2 (earliest) and timestamps");
    expect(errorOf([...BS, '--time', '-7'])).toBe("kfk's kafka-get-offsets does not support --time -7: only -1 (latest), -2 (earliest) and timestamps");
  });

  it('translates to kfk offsets', () => {
    expect(translateGetOffsets([...BS])).toEqual([...KFK, '--time', '-1']);
    expect(translateGetOffsets([...BS, '--topic', ' "a.*, b" ', '--partitions', '2,0,2,', '--time', 'earliest', '--exclude-internal-topics', '--command-config', 'c.properties'])).toEqual([
      ...KFK, '--command-config', 'c.properties', '--time', '-2', '--exclude-internal', '--topic', 'a.*|b', '--partitions', '2,0',
    ]);
    expect(translateGetOffsets([...BS, '--topic-partitions', 't:1-3,u', '--time', '1700000000000'])).toEqual([...KFK, '--time', '1700000000000', '--topic-partitions', 't:1-3,u']);
    expect(translateGetOffsets([...BS, '--help'])).toEqual(['offsets', '--help']);
    expect(translateGetOffsets(['--version'])).toEqual(['--version']);
  });
});

describe('--topic-partitions rules', () => {
  it('match as GetOffsetShell matches them: a partition, a range (upper exclusive), open ends, any topic', () => {
    const m = ruleMatchers(parseTopicPartitionRules('t:1,u:1-3,v:5-,w:-2,:9,x.*'));
    const taken = (topic: string) => Array.from({ length: 11 }, (_, p) => p).filter((p) => m.partition(topic, p));
    expect(taken('t')).toEqual([1, 9]);
    expect(taken('u')).toEqual([1, 2, 9]);
    expect(taken('v')).toEqual([5, 6, 7, 8, 9, 10]);
    expect(taken('w')).toEqual([0, 1, 9]);
    expect(taken('xyz')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.topic('other')).toBe(true);
    expect(ruleMatchers(parseTopicPartitionRules('t:1,u')).topic('other')).toBe(false);
    expect(() => parseTopicPartitionRules('t:1:2')).toThrow('Invalid rule specification: t:1:2');
    expect(() => parseTopicPartitionRules('t:99999999999')).toThrow('For input string: "99999999999"');
  });

  it("reads a topic regex as TopicFilter.IncludeList does", () => {
    expect(includeListRegex(` 'orders,pay ments' `)).toBe('orders|payments');
  });
});
