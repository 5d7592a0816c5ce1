import { describe, expect, it } from 'vitest';
import { describeOrder } from '../../src/kafka/admin/topics.js';

// Orders printed by kafka-topics 4.4 --describe on a real cluster for these topic names.
describe('describeOrder', () => {
  it('matches kafka-topics 4.x for four topics (where one HashMap sized 16 gave another order)', () => {
    expect(describeOrder(['healthy', 'solo', 't4-4862', 't40-27381'])).toEqual(['solo', 't4-4862', 't40-27381', 'healthy']);
  });
  it('keeps one topic and no topic as they are', () => {
    expect(describeOrder(['a'])).toEqual(['a']);
    expect(describeOrder([])).toEqual([]);
  });
});
