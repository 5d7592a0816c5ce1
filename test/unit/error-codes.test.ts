import { describe, expect, it } from 'vitest';
import { ERRORS, codes, retryClass } from '../../src/kafka/wire/error-codes.js';
import { kafkajs } from '../../src/kafka/wire/kafkajs.js';

describe('Kafka error codes', () => {
  it('names and codes agree with the protocol (kafkajs error table)', () => {
    for (const [name, e] of Object.entries(ERRORS)) {
      const type = kafkajs().createErrorFromCode(e.code).type;
      // kafkajs keeps a few older names.
      const aliases: Record<string, string> = { NOT_LEADER_OR_FOLLOWER: 'NOT_LEADER_FOR_PARTITION', NOT_COORDINATOR: 'NOT_COORDINATOR_FOR_GROUP', COORDINATOR_NOT_AVAILABLE: 'GROUP_COORDINATOR_NOT_AVAILABLE', COORDINATOR_LOAD_IN_PROGRESS: 'GROUP_LOAD_IN_PROGRESS' };
      if (type !== 'KAFKAJS_UNKNOWN_ERROR_CODE') expect([name, aliases[name]]).toContain(type); // codes newer than kafkajs' table
    }
  });
  it('a moved or missing leader means: metadata again', () => {
    expect([...codes('leader')].sort((a, b) => a - b)).toEqual([3, 5, 6, 9, 56, 74, 75, 100]);
    expect(retryClass(ERRORS.NOT_ENOUGH_REPLICAS.code)).toBe('retry');
    expect(retryClass(ERRORS.PRODUCER_FENCED.code)).toBe('fatal');
    expect(retryClass(12345)).toBe('fatal');
  });
});
