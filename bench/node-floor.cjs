'use strict';
// The floor under `kfk topic list` in Node: the least a Node program does to list a cluster's
// topics. One plaintext socket, ApiVersions v0 then Metadata v1 for every topic, the names printed
// sorted (internal ones left out), nothing else: no configuration, no CLI, no client library.
// The bench runs it beside `kfk topic list` and `node -e 0` (bench/run.mjs, scenario topic-list).
//
//   node bench/node-floor.cjs 127.0.0.1:9092
//   node bench/node-floor.cjs 127.0.0.1:9092 --connect-only   # a TCP connection opened and closed, no request
const net = require('node:net');

const [host, port] = process.argv[2].split(':');
const clientId = Buffer.from('kfk-floor');

/** A request: size, api key, version, correlation id, client id, body. */
function request(apiKey, version, correlationId, body) {
  const header = Buffer.alloc(14 + clientId.length);
  header.writeInt32BE(header.length - 4 + body.length, 0);
  header.writeInt16BE(apiKey, 4);
  header.writeInt16BE(version, 6);
  header.writeInt32BE(correlationId, 8);
  header.writeInt16BE(clientId.length, 12);
  clientId.copy(header, 14);
  return Buffer.concat([header, body]);
}

/** Topic names of a Metadata v1 response body (after the correlation id). */
function topicNames(r) {
  let o = 0;
  const brokers = r.readInt32BE(o);
  o += 4;
  for (let i = 0; i < brokers; i++) {
    o += 4; // node id
    o += 2 + r.readInt16BE(o) + 4; // host, port
    const rack = r.readInt16BE(o);
    o += 2 + Math.max(rack, 0);
  }
  o += 4; // controller id
  const topics = r.readInt32BE(o);
  o += 4;
  const names = [];
  for (let i = 0; i < topics; i++) {
    o += 2; // error code
    const len = r.readInt16BE(o);
    o += 2;
    const name = r.toString('utf8', o, o + len);
    o += len;
    const internal = r[o++] === 1;
    if (!internal) names.push(name);
    const partitions = r.readInt32BE(o);
    o += 4;
    for (let p = 0; p < partitions; p++) {
      o += 2 + 4 + 4; // error code, partition, leader
      o += 4 + 4 * r.readInt32BE(o); // replicas
      o += 4 + 4 * r.readInt32BE(o); // isr
    }
  }
  return names.sort();
}

const connectOnly = process.argv[3] === '--connect-only';
const socket = net.connect(Number(port), host);
let pending = Buffer.alloc(0);
socket.on('connect', () => (connectOnly ? socket.end() : socket.write(request(18, 0, 1, Buffer.alloc(0)))));
socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
    const size = pending.readInt32BE(0);
    const response = pending.subarray(4, 4 + size);
    pending = pending.subarray(4 + size);
    const correlationId = response.readInt32BE(0);
    if (correlationId === 1) {
      // Metadata v1, every topic: a null topic array.
      socket.write(request(3, 1, 2, Buffer.from([0xff, 0xff, 0xff, 0xff])));
    } else {
      const names = topicNames(response.subarray(4));
      process.stdout.write(names.length ? `${names.join('\n')}\n` : '');
      socket.end();
    }
  }
});
socket.on('error', (err) => {
  process.stderr.write(`node-floor: ${err.message}\n`);
  process.exitCode = 1;
});
