// Replaces kafkajs' src/network/socket.js in the bundle (scripts/vendor-kafkajs.mjs): hands
// kafkajs' connection whole responses, one buffer each, instead of the socket's chunks. kafkajs
// kept every 64 kB chunk Node allocates for a read and then copied them all into one more buffer
// per response: twice the bytes of a fetch in garbage. Here a plaintext socket reads into one
// reused buffer (Node's `onread`), and each response is copied once, into a buffer of its size
// (read from its 4-byte length). TLS sockets come from kafkajs' socket factory as before; their
// chunks go through the same framing. kafkajs' connection, patched to drop its empty remainder
// chunk, then takes each response without a copy.
'use strict';

const net = require('node:net');

const KEEP_ALIVE_DELAY = 60000;
const READ_BUFFER_BYTES = 64 * 1024;
// Kafka's own bound on a response a client accepts is far lower; a larger length means the
// stream is not Kafka's protocol (a TLS or HTTP port, say).
const MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;

// Large responses (fetches) get buffers that are reused once their reader gives them back
// (`release`, called by src/kafka/consumer/fetcher.ts when every record of a response has been handed
// on). Left to the garbage collector, a consume of millions of records keeps tens of megabytes
// of read responses until a full collection. A buffer never given back is simply collected.
const POOLED_MIN_BYTES = 256 * 1024;
const POOL_STEP_BYTES = 64 * 1024;
// Two rounds of fetches are held at a time, each with one response per leader.
const POOL_KEEP = 8;
const free = [];
const lent = new WeakSet();

function responseBuffer(size) {
  if (size < POOLED_MIN_BYTES) return Buffer.allocUnsafeSlow(size);
  let buf;
  for (let i = free.length - 1; i >= 0; i--) {
    if (free[i].length >= size) {
      buf = free[i];
      free.splice(i, 1);
      break;
    }
  }
  buf ??= Buffer.allocUnsafeSlow(Math.ceil(size / POOL_STEP_BYTES) * POOL_STEP_BYTES);
  lent.add(buf.buffer);
  return buf.subarray(0, size);
}

/** Gives back the response that `view` (any part of it) is in: its bytes may be overwritten from now on. */
function release(view) {
  const ab = view.buffer;
  if (!lent.has(ab)) return;
  lent.delete(ab);
  if (free.length < POOL_KEEP) free.push(Buffer.from(ab));
}

/** Calls `deliver` with each whole response (length prefix included) out of `chunk`s, which may be views of a reused buffer. */
function framer(deliver, fail) {
  const head = Buffer.alloc(4);
  let headLen = 0;
  let frame = null;
  let filled = 0;
  let failed = false;
  return (chunk) => {
    if (failed) return;
    let off = 0;
    while (off < chunk.length) {
      if (frame === null) {
        const take = Math.min(4 - headLen, chunk.length - off);
        chunk.copy(head, headLen, off, off + take);
        headLen += take;
        off += take;
        if (headLen < 4) return;
        headLen = 0;
        const size = head.readInt32BE(0);
        if (size < 0 || size > MAX_RESPONSE_BYTES) {
          failed = true;
          fail(Object.assign(new Error(`the server does not speak Kafka's protocol (a response of ${size} bytes)`), { code: 'KFK_NOT_KAFKA' }));
          return;
        }
        frame = responseBuffer(4 + size);
        head.copy(frame, 0);
        filled = 4;
      }
      const take = Math.min(frame.length - filled, chunk.length - off);
      chunk.copy(frame, filled, off, off + take);
      filled += take;
      off += take;
      if (filled === frame.length) {
        const whole = frame;
        frame = null;
        deliver(whole);
      }
    }
  };
}

module.exports = ({ socketFactory, host, port, ssl, onConnect, onData, onEnd, onError, onTimeout }) => {
  let socket;
  const fail = (err) => socket.destroy(err);
  const frames = framer(onData, fail);
  if (ssl) {
    socket = socketFactory({ host, port, ssl, onConnect });
    socket.on('data', frames);
  } else {
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    socket = net.connect({ host, port, onread: { buffer, callback: (n, buf) => frames(buf.subarray(0, n)) } }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY);
  }
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('timeout', onTimeout);
  return socket;
};

module.exports.framer = framer;
module.exports.release = release;
