// Records of __consumer_offsets as kafka-dump-log --offsets-decoder prints them: values a Kafka 4.4
// broker wrote, byte for byte, and the lines Kafka's DumpLogSegments printed for them (its own
// output on the same segment files, kept here as the expected text).
import { describe, expect, it } from 'vitest';
import { dumpLogCoordinatorRecord, dumpLogMetadataRecord } from '../../src/format/coordinator-json.js';

/** A coordinator record key: its type, then strings with an int16 length (keys are not flexible). */
function key(type: number, ...strings: string[]): Buffer {
  const parts = [Buffer.from([type >> 8, type & 0xff])];
  for (const s of strings) parts.push(Buffer.from([0, s.length]), Buffer.from(s));
  return Buffer.concat(parts);
}

/** A compact string (flexible versions). */
const compact = (s: string) => Buffer.concat([Buffer.from([s.length + 1]), Buffer.from(s)]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

describe('kafka-dump-log --offsets-decoder records', () => {
  it('a streams group member (type 19) without a user endpoint: a nullable struct whose byte is -1', () => {
    const clientId = 'app-mx7v0iom-7b549b-2e1ec22b-c034-4e34-ad23-10f1745f7345-StreamThread-1-consumer';
    const processId = '2e1ec22b-c034-4e34-ad23-10f1745f7345';
    const value = Buffer.concat([Buffer.from([0, 0, 0, 0]), compact(clientId), compact('/127.0.0.1'), int32(300000), int32(0), compact(processId), Buffer.from([0xff, 1, 0])]);
    expect(value.length).toBe(144);
    expect(dumpLogCoordinatorRecord('offsets', key(19, 'app-mx7v0iom-7b549b', 'rA0LIDlyRTGPsAJVuDDfhA'), value, 686)).toEqual({
      key: '{"type":"19","data":{"groupId":"app-mx7v0iom-7b549b","memberId":"rA0LIDlyRTGPsAJVuDDfhA"}}',
      payload: `{"version":"0","data":{"instanceId":null,"rackId":null,"clientId":"${clientId}","clientHost":"/127.0.0.1","rebalanceTimeoutMs":300000,"topologyEpoch":0,"processId":"${processId}","userEndpoint":null,"clientTags":[]}}`,
    });
  });

  it('a consumer group member (type 5) whose tagged classicMemberMetadata was written as null', () => {
    const value = Buffer.from('00000000046b666b0b2f3132372e302e302e3102066b6579656401000493e00001000100', 'hex');
    expect(dumpLogCoordinatorRecord('offsets', key(5, 'g-consumer', 'xclKFRYgfjJ7TMHW1YggKA'), value, 4)).toEqual({
      key: '{"type":"5","data":{"groupId":"g-consumer","memberId":"xclKFRYgfjJ7TMHW1YggKA"}}',
      payload:
        '{"version":"0","data":{"instanceId":null,"rackId":null,"clientId":"kfk","clientHost":"/127.0.0.1","subscribedTopicNames":["keyed"],"subscribedTopicRegex":"","rebalanceTimeoutMs":300000,"serverAssignor":null,"classicMemberMetadata":null}}',
    });
  });

  it('a tombstone, an unknown type and a key too short to hold one', () => {
    expect(dumpLogCoordinatorRecord('offsets', key(8, 'g', 'm'), null, 9)).toEqual({ key: '{"type":"8","data":{"groupId":"g","memberId":"m"}}', payload: '<DELETE>' });
    expect(dumpLogCoordinatorRecord('offsets', key(99, 'g'), Buffer.from([0, 0]), 3)).toEqual({ key: 'Unknown record type 99 at offset 3, skipping.' });
    expect(dumpLogCoordinatorRecord('offsets', Buffer.from([0]), null, 0)).toEqual({ key: "Error at offset 0, skipping. Could not read version from key's buffer." });
  });
});

describe('kafka-dump-log --cluster-metadata-decoder records', () => {
  it('a client quota (float64 value) prints as Java prints a double', () => {
    // A CLIENT_QUOTA_RECORD as a 4.4 controller wrote it (58 bytes): frame 1, type 14, version 0.
    const value = Buffer.from('010e000205757365721371622d6d783776796e69732d6530396432330013636f6e73756d65725f627974655f72617465417312d0000000000000', 'hex');
    expect(value.length).toBe(58);
    expect(dumpLogMetadataRecord(value, 552)).toBe(
      '{"type":"CLIENT_QUOTA_RECORD","version":0,"data":{"entity":[{"entityType":"user","entityName":"qb-mx7vynis-e09d23"}],"key":"consumer_byte_rate","value":2.0E7,"remove":false}}',
    );
    const kb = Buffer.from(value);
    kb.writeDoubleBE(1024, 48);
    expect(dumpLogMetadataRecord(kb, 553)).toContain('"value":1024.0,');
  });

  it('a value that is not a metadata record frame', () => {
    expect(dumpLogMetadataRecord(null, 3)).toBe('Error at 3, skipping. Error while reading frame version');
    expect(dumpLogMetadataRecord(Buffer.from([99]), 5)).toBe('Error at 5, skipping. Could not deserialize metadata record due to unknown frame version 99(only frame version 1 is supported)');
  });
});
