// One request/response object for kafkajs' Connection.send, from the parts that differ per API:
// the body's encoding and the answer's decoding. Flexible versions (KIP-482) write their header
// tagged fields in `encode` and read them in `decode`, as the API's schema lays them out.
import type { KafkajsDecoder, KafkajsEncoder, ProtocolRequest } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';

export interface RequestSpec<T> {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  encode(e: KafkajsEncoder): void;
  decode(d: KafkajsDecoder): T;
  /** What the caller gets (kafkajs' parse step): the decoded answer itself unless given; may throw a broker error. */
  parse?(data: T): Promise<unknown>;
}

export function protocolRequest<T>(spec: RequestSpec<T>): ProtocolRequest {
  const { Encoder, Decoder } = kafkajs();
  return {
    request: {
      apiKey: spec.apiKey,
      apiVersion: spec.apiVersion,
      apiName: spec.apiName,
      encode: async () => {
        const e = new Encoder();
        spec.encode(e);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => spec.decode(new Decoder(raw)),
      parse: (spec.parse ?? (async (data: T) => data)) as (data: unknown) => Promise<unknown>,
    },
  };
}

/**
 * The per-topic, per-partition array of a non-flexible answer (Produce, Fetch), flattened: `read`
 * reads one partition's fields after its index.
 */
export function readTopicPartitions<T>(d: KafkajsDecoder, read: (topic: string, partition: number) => T): T[] {
  const out: T[] = [];
  const topics = d.readInt32();
  for (let t = 0; t < topics; t++) {
    const topic = d.readString();
    const n = d.readInt32();
    for (let i = 0; i < n; i++) out.push(read(topic, d.readInt32()));
  }
  return out;
}
