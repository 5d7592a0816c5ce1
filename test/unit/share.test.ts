// Share group pieces that need no broker: acknowledgement batches and the console share
// consumer's command line.
import { describe, expect, it } from 'vitest';
import { ackBatches } from '../../src/kafka/consumer/share.js';
import { translate } from '../../src/compat/kafka-scripts.js';

describe('ackBatches', () => {
  it('joins consecutive offsets of one type and splits on gaps and type changes', () => {
    const acks = new Map<number, number>([[5, 1], [3, 1], [4, 1], [6, 2], [7, 2], [9, 2], [10, 0]]);
    expect(ackBatches(acks)).toEqual([
      { firstOffset: 3, lastOffset: 5, types: [1] },
      { firstOffset: 6, lastOffset: 7, types: [2] },
      { firstOffset: 9, lastOffset: 9, types: [2] },
      { firstOffset: 10, lastOffset: 10, types: [0] },
    ]);
    expect(ackBatches(new Map())).toEqual([]);
  });
});

describe('kafka-console-share-consumer', () => {
  it("becomes kfk consume --share-group, with Kafka's default group and its deprecation notices", () => {
    const t = translate('kafka-console-share-consumer', ['--bootstrap-server', 'b:9092', '--topic', 't', '--consumer-config', 'c.properties', '--property', 'print.offset=true', '--reject']);
    expect(t.argv).toEqual(['consume', '--share-group', 'share', '--bootstrap-server', 'b:9092', '--topic', 't', '--consumer.config', 'c.properties', '--property', 'print.offset=true', '--reject']);
    expect(t.notices).toEqual([
      'Option --consumer-config is deprecated and will be removed in a future version. Use --command-config instead.',
      'Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.',
    ]);
    expect(translate('kafka-console-share-consumer', ['--group=g', '--topic', 't']).argv).toEqual(['consume', '--share-group', 'g', '--topic', 't']);
  });
});
