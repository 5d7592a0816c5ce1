// Replaces kafkajs' src/protocol/request.js in the bundle (scripts/vendor-kafkajs.mjs): frames a
// request (size, api key and version, correlation id, client id, body) in one buffer. kafkajs'
// own version copies the body twice, each time into a zero-filled power-of-two buffer: 5 MB of
// garbage for a 1 MB record batch. A body that comes with free room in front of it
// (`{ buf, headroom }`, see src/kafka/protocol/produce.ts) is framed in place, without a copy; a
// body in pieces (`{ chunks, size }`) gets its header as one more piece, and the connection writes
// the pieces in order (the connection.js patch in scripts/vendor-kafkajs.mjs).
'use strict';

module.exports = async ({ correlationId, clientId, request: { apiKey, apiVersion, encode } }) => {
  const payload = await encode();
  const client = clientId === null || clientId === undefined ? null : Buffer.from(String(clientId), 'utf8');
  const headerSize = 4 + 2 + 2 + 4 + 2 + (client ? client.length : 0);
  let out;
  let o;
  let chunks;
  if (payload && Array.isArray(payload.chunks)) {
    // A body in pieces (several record batches): the header is one more piece in front.
    out = Buffer.allocUnsafe(headerSize);
    chunks = [out, ...payload.chunks];
    o = out.writeInt32BE(headerSize - 4 + payload.size(), 0);
  } else if (payload && typeof payload.headroom === 'number' && payload.headroom >= headerSize) {
    out = payload.buf.subarray(payload.headroom - headerSize);
    o = 0;
  } else {
    const body = payload.buffer;
    out = Buffer.allocUnsafe(headerSize + body.length);
    body.copy(out, headerSize);
  }
  if (!chunks) o = out.writeInt32BE(out.length - 4, 0);
  o = out.writeInt16BE(apiKey, o);
  o = out.writeInt16BE(apiVersion, o);
  o = out.writeInt32BE(correlationId, o);
  if (client) {
    o = out.writeInt16BE(client.length, o);
    client.copy(out, o);
  } else {
    out.writeInt16BE(-1, o);
  }
  if (chunks) {
    const size = headerSize + payload.size();
    return { buffer: out, chunks, size: () => size };
  }
  return { buffer: out, size: () => out.length };
};
