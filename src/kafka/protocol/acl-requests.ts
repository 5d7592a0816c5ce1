// ACL requests, v1 (non-flexible; Kafka 2.0 and later, and still taken by 4.x): kafkajs has
// encoders for these but drops the broker's error message, which kafka-acls prints.
//
//   DescribeAcls v1 (key 29): one filter -> resources with their entries
//   CreateAcls v1 (key 30): bindings -> one result each
//   DeleteAcls v1 (key 31): filters -> the bindings each one removed
import type { KafkajsDecoder as Dec, KafkajsEncoder as Enc } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';
const { Encoder, Decoder } = kafkajs();

/** A binding (or, with nulls and the ANY codes, a filter), as the wire carries it. */
export interface WireAcl {
  resourceType: number;
  resourceName: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permissionType: number;
}

export interface WireError {
  errorCode: number;
  errorMessage: string | null;
}

function writeAcl(e: Enc, a: WireAcl): void {
  e.writeInt8(a.resourceType);
  e.writeString(a.resourceName);
  e.writeInt8(a.patternType);
  e.writeString(a.principal);
  e.writeString(a.host);
  e.writeInt8(a.operation);
  e.writeInt8(a.permissionType);
}

export function describeAclsRequest(filter: WireAcl): ProtocolRequest {
  return {
    request: {
      apiKey: 29,
      apiVersion: 1,
      apiName: 'DescribeAcls',
      encode: async () => {
        const e = new Encoder();
        writeAcl(e, filter);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<WireError & { bindings: WireAcl[] }> => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        const errorCode = d.readInt16();
        const errorMessage = d.readString();
        const bindings: WireAcl[] = [];
        d.readArray((r: Dec) => {
          const resourceType = r.readInt8();
          const resourceName = r.readString();
          const patternType = r.readInt8();
          r.readArray((a: Dec) => {
            bindings.push({ resourceType, resourceName, patternType, principal: a.readString(), host: a.readString(), operation: a.readInt8(), permissionType: a.readInt8() });
          });
        });
        return { errorCode, errorMessage, bindings };
      },
      parse: async (data: unknown) => data,
    },
  };
}

export function createAclsRequest(bindings: WireAcl[]): ProtocolRequest {
  return {
    request: {
      apiKey: 30,
      apiVersion: 1,
      apiName: 'CreateAcls',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(bindings.length);
        bindings.forEach((b) => writeAcl(e, b));
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<WireError[]> => {
        const d = new Decoder(raw);
        d.readInt32();
        return d.readArray((r: Dec) => ({ errorCode: r.readInt16(), errorMessage: r.readString() }));
      },
      parse: async (data: unknown) => data,
    },
  };
}

export function deleteAclsRequest(filters: WireAcl[]): ProtocolRequest {
  return {
    request: {
      apiKey: 31,
      apiVersion: 1,
      apiName: 'DeleteAcls',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(filters.length);
        filters.forEach((f) => writeAcl(e, f));
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<Array<WireError & { matching: Array<WireError & WireAcl> }>> => {
        const d = new Decoder(raw);
        d.readInt32();
        return d.readArray((f: Dec) => ({
          errorCode: f.readInt16(),
          errorMessage: f.readString(),
          matching: f.readArray((m: Dec) => ({
            errorCode: m.readInt16(),
            errorMessage: m.readString(),
            resourceType: m.readInt8(),
            resourceName: m.readString(),
            patternType: m.readInt8(),
            principal: m.readString(),
            host: m.readString(),
            operation: m.readInt8(),
            permissionType: m.readInt8(),
          })),
        }));
      },
      parse: async (data: unknown) => data,
    },
  };
}
