// Console-producer flags and Kafka producer properties -> one set of producer settings.
// A flag given on the command line wins over a property; a property wins over a flag's default
// (as Kafka's ConsoleProducer does).
import { UsageError } from '../../errors.js';
import { CODEC_ID, type CodecName } from '../../kafka/records/codecs.js';
import type { ProducerSettings } from '../../kafka/producer/session.js';
import type { FlagsOf } from '../../cli/commander.js';
import type { define } from './define.js';

type Flags = FlagsOf<typeof define>;

function int(v: string, name: string, min: number): number {
  const s = String(v).trim();
  if (!/^-?\d+$/.test(s) || Number(s) < min) throw new UsageError(`invalid ${name} '${v}': expected an integer >= ${min}`);
  return Number(s);
}

function acksOf(v: string, name: string): -1 | 0 | 1 {
  const s = String(v).trim().toLowerCase();
  if (s === 'all' || s === '-1') return -1;
  if (s === '0') return 0;
  if (s === '1') return 1;
  throw new UsageError(`invalid ${name} '${v}': expected 0, 1, -1 or all`);
}

function codecOf(v: string, name: string): number {
  const s = v.trim().toLowerCase() as CodecName;
  if (!(s in CODEC_ID)) throw new UsageError(`invalid ${name} '${v}': expected none, gzip, snappy, lz4 or zstd`);
  return CODEC_ID[s];
}

export function producerSettings(f: Flags, explicit: Set<string>, props: Map<string, string>): ProducerSettings {
  // flag given > property > flag default
  const pick = (flag: keyof Flags, prop: string): string | undefined => {
    if (explicit.has(flag as string)) return String(f[flag]);
    if (props.has(prop)) return props.get(prop)!;
    const v = f[flag];
    return v === undefined ? undefined : String(v);
  };
  const acksFrom = explicit.has('requestRequiredAcks') ? '--request-required-acks' : props.has('acks') ? 'acks' : '--request-required-acks';
  let compression = 0;
  if (explicit.has('compressionCodec')) {
    // Kafka: --compression-codec with no value means gzip.
    compression = f.compressionCodec === true ? CODEC_ID.gzip : codecOf(String(f.compressionCodec), '--compression-codec');
  } else if (props.has('compression.type')) {
    compression = codecOf(props.get('compression.type')!, 'compression.type');
  }
  const transactionalId = f.transactionalId ?? props.get('transactional.id');
  const idempotentProp = props.get('enable.idempotence');
  const idempotent = Boolean(f.idempotent) || idempotentProp === 'true' || transactionalId !== undefined;
  let acks = acksOf(pick('requestRequiredAcks', 'acks')!, acksFrom);
  if (idempotent && acks !== -1) {
    if (explicit.has('requestRequiredAcks') || props.has('acks')) {
      throw new UsageError('an idempotent or transactional producer needs acks=all (--request-required-acks all)');
    }
    acks = -1;
  }
  const sync = Boolean(f.sync);
  return {
    acks,
    compression,
    lingerMs: sync ? 0 : int(pick('timeout', 'linger.ms')!, 'linger', 0),
    batchBytes: int(pick('batchSize', 'batch.size')!, 'batch size', 1),
    retries: int(pick('messageSendMaxRetries', 'retries')!, 'retries', 0),
    retryBackoffMs: int(pick('retryBackoffMs', 'retry.backoff.ms')!, 'retry backoff', 0),
    requestTimeoutMs: int(pick('requestTimeoutMs', 'request.timeout.ms')!, 'request timeout', 1),
    maxBufferedBytes: int(pick('maxMemoryBytes', 'buffer.memory')!, 'max memory bytes', 1024),
    maxBlockMs: int(pick('maxBlockMs', 'max.block.ms')!, 'max block ms', 0),
    maxRequestSize: int(props.get('max.request.size') ?? '1048576', 'max.request.size', 1024),
    idempotent,
    transactionalId,
    transactionTimeoutMs: int(props.get('transaction.timeout.ms') ?? '60000', 'transaction.timeout.ms', 1),
    deliveryTimeoutMs: int(props.get('delivery.timeout.ms') ?? '120000', 'delivery.timeout.ms', 1),
    maxInFlight: sync ? 1 : int(props.get('max.in.flight.requests.per.connection') ?? '5', 'max.in.flight.requests.per.connection', 1),
    sync,
  };
}
