// kafka-cluster's command lines as kfk's, and the texts of a bad reassignment file: the error
// texts below are what Kafka 4.4's ClusterTool and ReassignPartitionsCommand printed for the same
// input (test/e2e compares the rest with the tools themselves).
import { describe, expect, it } from 'vitest';
import { clusterNotices, translateCluster } from '../../src/compat/kafka-cluster.js';
import { parseKafkaJson } from '../../src/commands/partition/reassign/kafka-json.js';

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('kafka-cluster arguments', () => {
  it('become kfk cluster commands', () => {
    expect(translateCluster(['cluster-id', '-b', 'h:1'])).toEqual(['cluster', 'id', '-o', 'text', '--bootstrap-server', 'h:1']);
    expect(translateCluster(['list-endpoints', '--bootstrap-c=c:2', '--include-fenced-brokers', '--config', 'a.properties'])).toEqual([
      'cluster', 'endpoints', '-o', 'text', '--bootstrap-controller', 'c:2', '--command-config', 'a.properties', '--include-fenced-brokers',
    ]);
    expect(translateCluster(['unregister', '-i', '+7', '-C', 'c:2'])).toEqual(['cluster', 'unregister', '-o', 'text', '--bootstrap-controller', 'c:2', '--id', '7']);
    expect(translateCluster(['unregister-controller', '--help'])).toEqual(['cluster', 'unregister-controller', '--help']);
    expect(clusterNotices(['cluster-id', '--config', 'a'])).toEqual(['Option --config has been deprecated and will be removed in a future version. Use --command-config instead.']);
    expect(clusterNotices(['cluster-id', '-c', 'a'])).toEqual([]);
  });

  it("fail with argparse4j's lines", () => {
    expect(errorOf(() => translateCluster([]))).toBe('kafka-cluster: error: too few arguments');
    expect(errorOf(() => translateCluster(['bogus']))).toBe("kafka-cluster: error: invalid  choice:  'bogus'  (choose from 'cluster-id',\n'unregister', 'unregister-controller', 'list-endpoints', 'api-versions')");
    expect(errorOf(() => translateCluster(['cluster-id']))).toBe('kafka-cluster:  error:  one  of   the  arguments  --bootstrap-server/-b  --\nbootstrap-controller/-C is required');
    expect(errorOf(() => translateCluster(['unregister']))).toBe('kafka-cluster: error: argument --id/-i is required');
    expect(errorOf(() => translateCluster(['unregister', '--id', '3', '--id']))).toBe('kafka-cluster: error: argument --id/-i: expected one argument');
    expect(errorOf(() => translateCluster(['cluster-id', '-b', 'h:1', '--foo']))).toBe("kafka-cluster: error: unrecognized arguments: '--foo'");
    expect(errorOf(() => translateCluster(['cluster-id', '-b', 'h:1', '-C', 'h:1']))).toBe('kafka-cluster: error: argument --bootstrap-controller/-C:  not allowed with\nargument --bootstrap-server/-b');
    expect(errorOf(() => translateCluster(['cluster-id', '-b', 'h:1', '-c', 'a', '--config', 'a']))).toBe('--config and --command-config cannot be specified together.');
  });
});

describe('a reassignment file as Kafka reads it', () => {
  it('takes the first JSON value and words its errors as Jackson does', () => {
    expect(parseKafkaJson('{"version":1} trailing')).toEqual({ version: 1 });
    expect(parseKafkaJson('  \n')).toBeUndefined();
    expect(errorOf(() => parseKafkaJson(''))).toBe("The input string shouldn't be empty\n at [Source: UNKNOWN; byte offset: #UNKNOWN]");
    const loc = (line: number, col: number) => ` at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: ${line}, column: ${col}]`;
    expect(errorOf(() => parseKafkaJson('\n  abc def'))).toBe(`Unrecognized token 'abc': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n${loc(2, 3)}`);
    expect(errorOf(() => parseKafkaJson('<html>'))).toBe(`Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n${loc(1, 1)}`);
    // Texts and places as Kafka 4.4's tool printed them (the e2e runbook test compares more).
    expect(errorOf(() => parseKafkaJson('{"a":'))).toBe(`Unexpected end-of-input within/between Object entries\n${loc(1, 6)}`);
    expect(errorOf(() => parseKafkaJson('{\r\n"a"\r\n:\r\n1\r\n\r,x}'))).toBe(`Unexpected character ('x' (code 120)): was expecting double-quote to start field name\n${loc(6, 2)}`);
    expect(errorOf(() => parseKafkaJson('{"a":12.5e-x}'))).toBe(`Unexpected character ('x' (code 120)) in numeric value: Exponent indicator not followed by a digit\n${loc(1, 8)}`);
    expect(errorOf(() => parseKafkaJson('{"a":0.5e}'))).toBe(`Unexpected character ('}' (code 125)) in numeric value: Exponent indicator not followed by a digit\n${loc(1, 10)}`);
    expect(errorOf(() => parseKafkaJson('[1,}'))).toBe(`Unexpected character ('}' (code 125)): expected a value\n${loc(1, 4)}`);
    expect(errorOf(() => parseKafkaJson('{"a":\u2192}'))).toBe(`Unexpected character ('\u2192' (code 8594 / 0x2192)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n${loc(1, 6)}`);
    expect(errorOf(() => parseKafkaJson('{"a":[1,2}'))).toBe(`Unexpected close marker '}': expected ']' (for Array starting at ${loc(1, 6).slice(4)})\n${loc(1, 10)}`);
    expect(errorOf(() => parseKafkaJson('{"a\\q":1}'))).toBe(`Unrecognized character escape 'q' (code 113)\n${loc(1, 5)}`);
    expect(errorOf(() => parseKafkaJson('1x'))).toBe(`Unexpected character ('x' (code 120)): Expected space separating root-level values\n${loc(1, 2)}`);
    expect(errorOf(() => parseKafkaJson('['.repeat(1001)))).toBe('Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)');
  });
});
