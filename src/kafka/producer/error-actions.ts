// What the producer does with a partition's error in a Produce answer, from Kafka's error table
// (src/kafka/wire/error-codes.ts) and the producer's state.
import { ERRORS, codes, retryClass } from '../wire/error-codes.js';

export type ProduceErrorAction =
  /** Written: 0, or a resend of a batch the broker already has (idempotent: DUPLICATE_SEQUENCE_NUMBER). */
  | 'delivered'
  /** Too large with more than one record: split in two and resend. */
  | 'split'
  /** The producer id or epoch is no longer valid: nothing more can be sent. */
  | 'fatal'
  /**
   * Idempotent without a transaction, the broker no longer knows the producer
   * (producer.id.expiration.ms passed on a quiet partition, or retention removed its records):
   * the batch was not written; it is resent under a new producer id, as Kafka's producer does.
   */
  | 'retry-with-new-id'
  /** An earlier batch of the partition failed: resend in order, without spending an attempt. */
  | 'resequence'
  /** Ask for metadata (the leader moved), then retry. */
  | 'retry-after-metadata'
  | 'retry'
  | 'fail';

const RETRIABLE = new Set([...codes('leader'), ...codes('retry'), ...codes('coordinator')]);
const TOO_LARGE = codes(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const DUPLICATE_SEQUENCE = ERRORS.DUPLICATE_SEQUENCE_NUMBER.code;
const OUT_OF_ORDER = ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code;
const FATAL_PRODUCER = codes(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'UNKNOWN_PRODUCER_ID', 'INVALID_TXN_STATE', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);
const UNKNOWN_PRODUCER = ERRORS.UNKNOWN_PRODUCER_ID.code;

export function produceErrorAction(code: number, batch: { count: number; idempotent: boolean; transactional?: boolean }): ProduceErrorAction {
  if (code === 0 || (code === DUPLICATE_SEQUENCE && batch.idempotent)) return 'delivered';
  if (TOO_LARGE.has(code)) return batch.count > 1 ? 'split' : 'fail';
  if (code === UNKNOWN_PRODUCER && batch.idempotent && !batch.transactional) return 'retry-with-new-id';
  if (FATAL_PRODUCER.has(code)) return 'fatal';
  if (code === OUT_OF_ORDER && batch.idempotent) return 'resequence';
  if (RETRIABLE.has(code)) return retryClass(code) === 'leader' ? 'retry-after-metadata' : 'retry';
  return 'fail';
}
