// Bundles kafkajs (MIT, https://github.com/tulios/kafkajs) with the internals kfk uses into one
// file, dist/vendor/kafkajs.cjs, loaded by src/kafka/wire/kafkajs.ts. Run by `npm run build`.
import { build } from 'esbuild';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('kafkajs/package.json'));
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const license = readFileSync(join(pkgDir, 'LICENSE'), 'utf8').trim();
mkdirSync(join(root, 'dist/vendor'), { recursive: true });

/** kafkajs' source of `file` with each `from` replaced by its `to`; the build fails if one is not there. */
function patch(file, pairs) {
  let source = readFileSync(file, 'utf8');
  for (const [from, to] of pairs) {
    if (!source.includes(from)) throw new Error(`vendor-kafkajs: ${file} has no "${from}"`);
    source = source.replace(from, to);
  }
  return { contents: source, loader: 'js' };
}
await build({
  stdin: {
    contents: `module.exports = {
  kafkajs: require('kafkajs'),
  Encoder: require('kafkajs/src/protocol/encoder'),
  Decoder: require('kafkajs/src/protocol/decoder'),
  createErrorFromCode: require('kafkajs/src/protocol/error').createErrorFromCode,
  releaseResponse: require('kafkajs/src/network/socket').release,
  metadataResponses: [
${[0, 1, 2, 3, 4, 5, 6].map((v) => `    require('kafkajs/src/protocol/requests/metadata/v${v}/response'),`).join('\n')}
  ],
  brokersOnly: '',
};`,
    resolveDir: root,
    loader: 'js',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: join(root, 'dist/vendor/kafkajs.cjs'),
  banner: { js: `/* kafkajs ${version}, bundled for kfk.\n${license}\n*/` },
  legalComments: 'inline',
  // Smaller files to read at every start; names kept (errors are told apart by class name).
  minify: true,
  keepNames: true,
  plugins: [
    lazyBuiltins(),
    {
      // kfk's request framing (one copy, or none) instead of kafkajs' (two copies into zeroed buffers).
      name: 'kfk-request-framing',
      setup(b) {
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]protocol[\\/]request\.js$/ }, () => ({
          contents: readFileSync(join(root, 'src/kafka/wire/kafkajs-request.cjs'), 'utf8'),
          loader: 'js',
        }));
      },
    },
    {
      // kfk's response framing: whole responses, each read once into a buffer of its size, from
      // a plaintext socket's one reused read buffer (src/kafka/wire/kafkajs-socket.cjs). The
      // connection then takes each response as it is: no empty remainder chunk to concatenate.
      name: 'kfk-response-framing',
      setup(b) {
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]network[\\/]socket\.js$/ }, () => ({
          contents: readFileSync(join(root, 'src/kafka/wire/kafkajs-socket.cjs'), 'utf8'),
          loader: 'js',
        }));
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]network[\\/]connection\.js$/ }, (args) =>
          patch(args.path, [
            ['this.chunks = [remainderBuffer]', 'this.chunks = remainderBuffer.length > 0 ? [remainderBuffer] : []'],
            // A request in pieces (src/kafka/wire/kafkajs-request.cjs): written in order, corked
            // into one write, so several record batches go out without being copied together.
            ['size: Buffer.byteLength(requestPayload.buffer),', 'size: requestPayload.size(),'],
            [
              "this.socket.write(requestPayload.buffer, 'binary')\n            },",
              "if (requestPayload.chunks) {\n                this.socket.cork()\n                for (const c of requestPayload.chunks) this.socket.write(c)\n                this.socket.uncork()\n              } else this.socket.write(requestPayload.buffer, 'binary')\n            },",
            ],
            // Re-authenticate (KIP-368) at 85% of a short session, not a fixed 10 s before its end:
            // a session shorter than that (a short-lived OAuth token) was re-authenticated at once,
            // and brokers refuse a second authentication within a second of the first.
            // A request of an API or version the broker does not take (its ApiVersions answer,
            // which kafkajs keeps per connection) is refused here: the broker would close the
            // connection on it, which reads as a network failure. kafkajs' own requests are
            // chosen from those versions; kfk's own are checked (src/kafka/protocol/versions.ts).
            [
              '    this.failIfNotConnected()\n\n    const expectResponse',
              `    this.failIfNotConnected()
    const taken = this.versions && this.versions[request.apiKey]
    if (this.versions && (!taken || request.apiVersion < taken.minVersion || request.apiVersion > taken.maxVersion)) {
      const range = taken && (taken.minVersion === taken.maxVersion ? 'v' + taken.minVersion : 'v' + taken.minVersion + ' to v' + taken.maxVersion)
      const error = new Error('the broker at ' + this.host + ':' + this.port + (taken ? ' supports ' + request.apiName + ' ' + range + ', not v' + request.apiVersion : ' does not support ' + request.apiName + ' (API key ' + request.apiKey + ')'))
      error.name = 'KafkaJSUnsupportedVersion'
      throw error
    }

    const expectResponse`,
            ],
            [
              'const reauthenticateAt = millisSince.add(this.reauthenticationThreshold)',
              'const reauthenticateAt = millisSince.add(Math.min(this.reauthenticationThreshold, Math.floor(this.sessionLifetime.toNumber() * 0.15)))',
            ],
          ]),
        );
      },
    },
    {
      // Delegation tokens (KIP-48) authenticate as SCRAM with the token id and HMAC as username
      // and password, and the extension tokenauth=true after the nonce (RFC 5802's
      // client-first-message-bare; Kafka's ScramExtensions): set by sasl.tokenauth.
      name: 'kfk-scram-tokenauth',
      setup(b) {
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]broker[\\/]saslAuthenticator[\\/]scram\.js$/ }, (args) =>
          patch(args.path, [['return `n=${this.encodedUsername()},r=${this.currentNonce}`', "return `n=${this.encodedUsername()},r=${this.currentNonce}${this.sasl.tokenauth ? ',tokenauth=true' : ''}`"]]),
        );
      },
    },
    {
      // OAUTHBEARER (RFC 7628): a broker that refuses the token answers the SaslAuthenticate with
      // an error challenge ({"status":"invalid_token"}) instead of an error code, and kafkajs took
      // that for success (the next request then broke the connection, or looked like an empty
      // cluster). A non-empty answer is the refusal.
      name: 'kfk-oauthbearer-refusal',
      setup(b) {
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]broker[\\/]saslAuthenticator[\\/]oauthBearer\.js$/ }, (args) =>
          patch(args.path, [
            [
              'await saslAuthenticate({ request: await request(sasl, oauthBearerToken) })',
              `await saslAuthenticate({
          request: await request(sasl, oauthBearerToken),
          response: {
            decode: async (bytes) => bytes,
            parse: async (bytes) => {
              // kafkajs hands the bytes on with their int32 length in front.
              const body = bytes && bytes.length > 4 ? bytes.slice(4) : null
              if (!body) return
              let status = ''
              try {
                status = JSON.parse(body.toString('utf8')).status || ''
              } catch (_) {}
              throw new Error('the broker refused the token' + (status ? ' (' + status + ')' : ''))
            },
          },
        })`,
            ],
          ]),
        );
      },
    },
    {
      // kafkajs' index modules load its producer (with its partitioners), consumer and admin
      // client. kfk builds kafkajs' Client for its cluster and connections only, so these load
      // when first used. (The partitioners read globalThis.crypto at load, which makes Node load
      // its whole crypto stack.)
      name: 'kfk-lazy-clients',
      setup(b) {
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]index\.js$/ }, (args) =>
          patch(
            args.path,
            [['createProducer', './producer'], ['createConsumer', './consumer'], ['createAdmin', './admin']].map(([name, mod]) => [
              `const ${name} = require('${mod}')`,
              `const ${name} = (...a) => require('${mod}')(...a)`,
            ]),
          ),
        );
        b.onLoad({ filter: /kafkajs[\\/]index\.js$/ }, (args) =>
          patch(args.path, [
            ["const Partitioners = require('./src/producer/partitioners')\n", ''],
            ['  Partitioners,\n', "  get Partitioners() {\n    return require('./src/producer/partitioners')\n  },\n"],
          ]),
        );
      },
    },
    {
      // kafkajs asks Metadata for every topic when it follows none (an empty list is sent as
      // null, which means all of them): at every start, every command waited for the cluster's
      // whole topic list and read it, when most need the brokers alone. '' (never a topic's
      // name: Kafka takes 1 to 249 characters of [a-zA-Z0-9._-]) alone in the list now asks for
      // no topic, as Kafka's admin client asks (src/kafka/wire/client.ts puts it there); among
      // other names it is left out; refreshMetadataIfNecessary does not look for it in the answer.
      name: 'kfk-metadata-brokers-only',
      setup(b) {
        const topicList = "\n// kfk: '' alone asks for no topic (an empty array; null asks for all), and is left out among others.\nfunction kfkTopicList(encoder, topics) {\n  const named = topics.filter((t) => t !== '')\n  return named.length === 0 && topics.length > 0 ? encoder.writeInt32(0) : encoder.writeNullableArray(named)\n}\n";
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]protocol[\\/]requests[\\/]metadata[\\/]v1[\\/]request\.js$/ }, (args) => {
          const r = patch(args.path, [['return new Encoder().writeNullableArray(topics)', 'return kfkTopicList(new Encoder(), topics)']]);
          return { ...r, contents: r.contents + topicList };
        });
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]protocol[\\/]requests[\\/]metadata[\\/]v4[\\/]request\.js$/ }, (args) => {
          const r = patch(args.path, [['return new Encoder().writeNullableArray(topics).writeBoolean(', 'return kfkTopicList(new Encoder(), topics).writeBoolean(']]);
          return { ...r, contents: r.contents + topicList };
        });
        // (One onLoad per file: the patch of brokerPool.js below, kfk-brokers-left-at-once, is here too.)
        b.onLoad({ filter: /kafkajs[\\/]src[\\/]cluster[\\/]brokerPool\.js$/ }, (args) =>
          patch(args.path, [
            ['this.metadata.topicMetadata.some(topicMetadata => topicMetadata.topic === topic)', "topic === '' || this.metadata.topicMetadata.some(topicMetadata => topicMetadata.topic === topic)"],
            // kfk-brokers-left-at-once: a broker left out of a Metadata answer (a stopped broker
            // the controller fenced) or replaced was disconnected before the refresh returned, and a
            // connection's disconnect waits for its requests in flight: every refresh waited up to
            // their timeouts (a JoinGroup sent to a coordinator just stopped: 65 s). Such a broker
            // goes from the pool at once and is disconnected meanwhile; whoever awaits its requests
            // still gets their answers or their timeouts.
            [
              `        const brokerDisconnects = unusedBrokerIds.map(nodeId => {
          const broker = this.brokers[nodeId]
          return broker.disconnect().then(() => {
            delete this.brokers[nodeId]
          })
        })

        const replacedBrokersDisconnects = replacedBrokers.map(broker => broker.disconnect())
        await Promise.all([...brokerDisconnects, ...replacedBrokersDisconnects])`,
              `        for (const nodeId of unusedBrokerIds) {
          const broker = this.brokers[nodeId]
          delete this.brokers[nodeId]
          broker.disconnect().catch(() => {})
        }
        for (const broker of replacedBrokers) broker.disconnect().catch(() => {})`,
            ],
          ]),
        );
      },
    },
  ],
  logLevel: 'warning',
});
