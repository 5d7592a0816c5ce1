// ACL requests, v1 (non-flexible; Kafka 2.0 and later, and still taken by 4.x): kafkajs has
// encoders for these but drops the broker's error message, which kafka-acls prints.
//
//   DescribeAcls v1 (key 29): one filter -> resources with their entries
//   CreateAcls v1 (key 30): bindings -> one result each
//   DeleteAcls v1 (key 31): filters -> the bindings each one removed
import type { KafkajsDecoder as Dec, KafkajsEncoder as Enc } from '../wire/kafkajs-types.js';
import type { ProtocolRequest } from './admin-requests.js';
import { apiRequest, writeArray } from './request.js';

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

const readError = (d: Dec): WireError => ({ errorCode: d.readInt16(), errorMessage: d.readString() });
/** An ACL entry's fields after its resource's. */
const readEntry = (d: Dec) => ({ principal: d.readString(), host: d.readString(), operation: d.readInt8(), permissionType: d.readInt8() });

function writeAcls(e: Enc, acls: WireAcl[]): void {
  writeArray(e, acls, (a) => writeAcl(e, a));
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
  return apiRequest('DescribeAcls', 1, {
    encode: (e) => writeAcl(e, filter),
    decode: (d): WireError & { bindings: WireAcl[] } => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readString();
      const bindings: WireAcl[] = [];
      d.readArray(() => {
        const resource = { resourceType: d.readInt8(), resourceName: d.readString(), patternType: d.readInt8() };
        d.readArray(() => bindings.push({ ...resource, ...readEntry(d) }));
      });
      return { errorCode, errorMessage, bindings };
    },
  });
}

export function createAclsRequest(bindings: WireAcl[]): ProtocolRequest {
  return apiRequest('CreateAcls', 1, {
    encode: (e) => writeAcls(e, bindings),
    decode: (d): WireError[] => {
      d.readInt32(); // throttle
      return d.readArray(readError);
    },
  });
}

export function deleteAclsRequest(filters: WireAcl[]): ProtocolRequest {
  return apiRequest('DeleteAcls', 1, {
    encode: (e) => writeAcls(e, filters),
    decode: (d): Array<WireError & { matching: Array<WireError & WireAcl> }> => {
      d.readInt32(); // throttle
      return d.readArray(() => ({
        ...readError(d),
        matching: d.readArray(() => ({ ...readError(d), resourceType: d.readInt8(), resourceName: d.readString(), patternType: d.readInt8(), ...readEntry(d) })),
      }));
    },
  });
}
