import { describe, expect, it } from 'vitest';
import { ERRORS, codes, javaExceptionClass, javaExceptionName, javaExceptionText, retryClass } from '../../src/kafka/wire/error-codes.js';
import { kafkajs } from '../../src/kafka/wire/kafkajs.js';

describe('Kafka error codes', () => {
  it("is Kafka's own table: codes, names, the Java exception and its message", () => {
    expect(ERRORS.NON_EMPTY_GROUP).toEqual({ code: 68, retry: 'fatal', java: ['org.apache.kafka.common.errors.GroupNotEmptyException', 'The group is not empty.'] });
    expect(ERRORS.UNKNOWN_SERVER_ERROR.code).toBe(-1);
    expect(javaExceptionText(ERRORS.GROUP_AUTHORIZATION_FAILED.code, 'x')).toBe('org.apache.kafka.common.errors.GroupAuthorizationException: Group authorization failed.');
    // The one exception outside org.apache.kafka.common.errors keeps its own package.
    expect(javaExceptionClass(87, 'x')).toBe('org.apache.kafka.common.InvalidRecordException');
    expect(javaExceptionName(87)).toBe('InvalidRecordException');
    expect(javaExceptionText(0, 'no error')).toBe('no error');
    expect(javaExceptionText(12345, 'unknown')).toBe('unknown');
    const all = Object.values(ERRORS).map((e) => e.code);
    expect(new Set(all).size).toBe(all.length);
  });
  it('names and codes agree with kafkajs where its table knows the code', () => {
    // kafkajs keeps a few older names.
    const aliases: Record<string, string> = { NOT_LEADER_OR_FOLLOWER: 'NOT_LEADER_FOR_PARTITION', NOT_COORDINATOR: 'NOT_COORDINATOR_FOR_GROUP', COORDINATOR_NOT_AVAILABLE: 'GROUP_COORDINATOR_NOT_AVAILABLE', COORDINATOR_LOAD_IN_PROGRESS: 'GROUP_LOAD_IN_PROGRESS', UNKNOWN_SERVER_ERROR: 'UNKNOWN' };
    for (const name of ['OFFSET_OUT_OF_RANGE', 'NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR', 'MESSAGE_TOO_LARGE', 'UNKNOWN_SERVER_ERROR', 'INVALID_PRODUCER_EPOCH'] as const) {
      expect([name, aliases[name]]).toContain(kafkajs().createErrorFromCode(ERRORS[name].code).type);
    }
  });
  it('a moved or missing leader means: metadata again', () => {
    expect([...codes('leader')].sort((a, b) => a - b)).toEqual([3, 5, 6, 9, 56, 74, 75, 100]);
    expect(retryClass(ERRORS.NOT_ENOUGH_REPLICAS.code)).toBe('retry');
    expect(retryClass(ERRORS.PRODUCER_FENCED.code)).toBe('fatal');
    expect(retryClass(12345)).toBe('fatal');
  });
});
