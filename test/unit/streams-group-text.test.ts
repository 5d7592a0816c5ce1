// kafka-streams-groups' layouts for kfk streams-group: the widths and orders the tool uses (compared
// with the tool itself in test/e2e/streams-groups.test.ts), and kfk's '-' where a partition's log end
// is not known now (the tool fails there).
import { describe, expect, it } from 'vitest';
import type { StreamsGroupDescription, StreamsOffsetRow } from '../../src/kafka/admin/streams-groups.js';
import { streamsOffsetsText, streamsResetText, streamsTasksText } from '../../src/format/streams-group-text.js';

const group = (over: Partial<StreamsGroupDescription> = {}): StreamsGroupDescription => ({
  group: 'app',
  state: 'Stable',
  groupEpoch: 2,
  targetAssignmentEpoch: 2,
  topologyEpoch: 0,
  assignor: 'sticky',
  coordinator: { id: 1, host: '127.0.0.1', port: 9092 },
  subtopologies: [],
  members: [
    {
      memberId: 'm1',
      memberEpoch: 2,
      instanceId: null,
      rackId: null,
      clientId: 'c1',
      clientHost: '/127.0.0.1',
      topologyEpoch: 0,
      processId: 'p1',
      assignment: { active: [{ subtopologyId: '0', partitions: [0, 1] }], standby: [], warmup: [] },
      targetAssignment: { active: [], standby: [], warmup: [] },
      isClassic: false,
    },
  ],
  ...over,
});

describe('kafka-streams-groups text', () => {
  it('offsets: a partition whose log end is not known now shows - for it and its lag', () => {
    const rows: StreamsOffsetRow[] = [
      { topic: 'in', partition: 0, current: 5, leaderEpoch: 0, logEnd: 7, lag: 2 },
      { topic: 'in', partition: 1, current: 3, leaderEpoch: null, logEnd: null, lag: null },
    ];
    expect(streamsOffsetsText(group(), rows, false)).toBe(
      // In the tool's HashMap order: in-1 falls in an earlier bucket than in-0.
      'GROUP           TOPIC           PARTITION  OFFSET-LAG\napp             in              1          -\napp             in              0          2\n',
    );
    expect(streamsOffsetsText(group(), rows, true).split('\n')[1]).toBe('app             in              1          3               -               -               -              ');
  });

  it('a group without members prints no offsets; tasks of each kind, the empty ones left out', () => {
    expect(streamsOffsetsText(group({ state: 'Empty', members: [] }), [], false)).toBe('');
    expect(streamsTasksText({ active: [{ subtopologyId: '0', partitions: [0, 2] }], standby: [{ subtopologyId: '1', partitions: [1] }], warmup: [] }, 'TARGET-')).toBe(
      'TARGET-ACTIVE: 0:[0,2]; TARGET-STANDBY: 1:[1]; ',
    );
  });

  it('a reset plan: fixed columns, the header even without rows', () => {
    expect(streamsResetText([])).toBe('');
    expect(streamsResetText([{ group: 'app', plan: [] }])).toBe(`\n${'GROUP'.padEnd(30)} ${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(10)} ${'NEW-OFFSET'.padEnd(15)}\n`);
  });
});
