// kafka-consumer-groups' layouts for the cases a single-broker test does not meet: static
// members (GROUP-INSTANCE-ID), a consumer group with classic members in it (UPGRADED), long
// names, several topics in an assignment.
import { describe, expect, it } from 'vitest';
import { assignmentText, groupListText, groupMembersText } from '../../src/format/group-text.js';
import type { GroupDescription, GroupMember } from '../../src/kafka/admin/groups.js';

const member = (m: Partial<GroupMember>): GroupMember => ({
  memberId: 'm',
  instanceId: null,
  clientId: 'c',
  host: '/10.0.0.1',
  assignment: [],
  memberEpoch: null,
  targetAssignment: null,
  upgraded: null,
  ...m,
});

const group = (members: GroupMember[], type: 'Classic' | 'Consumer' = 'Consumer'): GroupDescription => ({
  group: 'g1',
  type,
  state: 'Stable',
  protocolType: 'consumer',
  protocol: 'uniform',
  coordinator: { id: 1, host: 'h', port: 9092 },
  members,
  groupEpoch: type === 'Consumer' ? 7 : null,
  assignmentEpoch: type === 'Consumer' ? 6 : null,
});

describe('assignments as kafka-consumer-groups writes them', () => {
  it('topics sorted as strings, partitions by number, ";" between topics, "-" for none', () => {
    const tps = [
      { topic: 'orders', partition: 10 },
      { topic: 'audit', partition: 1 },
      { topic: 'orders', partition: 2 },
    ];
    expect(assignmentText(tps)).toBe('audit:1;orders:2,10');
    expect(assignmentText([])).toBe('-');
    expect(assignmentText(null)).toBe('-');
  });
});

describe('--describe --members', () => {
  it('--verbose: epochs and assignments; TARGET-EPOCH is the group\'s assignment epoch', () => {
    const d = group([member({ memberId: 'a', memberEpoch: 6, assignment: [{ topic: 't', partition: 0 }], targetAssignment: [{ topic: 't', partition: 0 }], upgraded: true })]);
    expect(groupMembersText(d, true)).toBe(
      '\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT   \n' +
        'g1              a               /10.0.0.1       c               1               6               t:0                  6               t:0                 \n',
    );
  });

  it('a static member adds GROUP-INSTANCE-ID (17 wide); members of both protocols add UPGRADED', () => {
    const d = group([
      member({ memberId: 'a', instanceId: 'box-1', memberEpoch: 6, upgraded: true }),
      member({ memberId: 'b', memberEpoch: 5, assignment: [{ topic: 't', partition: 1 }], upgraded: false }),
    ]);
    expect(groupMembersText(d, true)).toBe(
      '\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT    UPGRADED\n' +
        'g1              a               box-1             /10.0.0.1       c               0               6               -                    6               -                    true\n' +
        'g1              b                                 /10.0.0.1       c               1               5               t:1                  6               -                    false\n',
    );
    expect(groupMembersText(d)).toBe(
      '\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     \n' +
        'g1              a               box-1             /10.0.0.1       c               0               \n' +
        'g1              b                                 /10.0.0.1       c               1               \n',
    );
  });

  it('a classic group: "-" for the epochs and the target', () => {
    const d = group([member({ memberId: 'a', assignment: [{ topic: 't', partition: 0 }] })], 'Classic');
    expect(groupMembersText(d, true).split('\n')[2]).toBe('g1              a               /10.0.0.1       c               1               -               t:0                  -               -                   ');
  });
});

describe('--list', () => {
  it('ids alone; --type and --state columns 20 wide after a GROUP column 10 wider than the longest id', () => {
    const gs = [
      { group: 'a-rather-long-group-name', type: 'Consumer', state: 'Stable', protocolType: 'consumer' },
      { group: 'b', type: 'Classic', state: 'Empty', protocolType: 'consumer' },
    ];
    expect(groupListText(gs, { type: false, state: false })).toBe('a-rather-long-group-name\nb\n');
    expect(groupListText(gs, { type: true, state: false })).toBe(
      `${'GROUP'.padEnd(34)} ${'TYPE'.padEnd(20)}\n${'a-rather-long-group-name'.padEnd(34)} ${'Consumer'.padEnd(20)}\n${'b'.padEnd(34)} ${'Classic'.padEnd(20)}\n`,
    );
    expect(groupListText([], { type: true, state: true })).toBe(`${'GROUP'.padEnd(25)} ${'TYPE'.padEnd(20)} ${'STATE'.padEnd(20)}\n`);
  });
});
