// kafkajs, loaded once, with the few internals kfk uses (its protocol Encoder/Decoder and error
// table). `npm run build` bundles kafkajs into dist/vendor/kafkajs.cjs (scripts/vendor-kafkajs.mjs):
// one file loads in well under half the time of kafkajs' ~150 modules, and every command that
// talks to Kafka pays that load (compiled from V8's code cache, bin/launch.js). Without the bundle
// (tests run from src/), node_modules is used.
import type { KafkajsEncoder, KafkajsDecoder } from './kafkajs-types.js';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Kafkajs from 'kafkajs';
import { installMetadataDecoding } from './metadata.js';

const require = createRequire(import.meta.url);

type Enc = KafkajsEncoder;
type Dec = KafkajsDecoder;

export interface KafkajsModule {
  kafkajs: typeof Kafkajs;
  Encoder: new () => Enc;
  Decoder: new (b: Buffer) => Dec;
  createErrorFromCode: (code: number) => Error & { type: string; code: number; retriable: boolean };
  /**
   * Gives a response's buffer back for reuse (src/kafka/wire/kafkajs-socket.cjs), once nothing
   * reads it any more. Without the bundle (kafkajs from node_modules) there is none to give back.
   */
  releaseResponse?: (anyPartOfIt: Buffer) => void;
  /** kafkajs' Metadata response modules, v0-v6 (src/kafka/wire/metadata.ts replaces their decode and parse steps). */
  metadataResponses: Array<Parameters<typeof installMetadataDecoding>[0][number]>;
  /**
   * The name that, alone among the topics kafkajs follows, makes its Metadata requests ask for no
   * topic (scripts/vendor-kafkajs.mjs); undefined for kafkajs from node_modules.
   */
  brokersOnly?: string;
}

let loaded: KafkajsModule | undefined;

/**
 * Code run from src/ (the integration tests) uses the built bundle when there is one, so that it
 * tests the same patched network stack as the CLI; without a build, kafkajs from node_modules.
 */
function fromBuild(): KafkajsModule | undefined {
  if (!/[\\/]src[\\/]kafka[\\/]/.test(fileURLToPath(import.meta.url))) return undefined;
  try {
    return require(fileURLToPath(new URL('../../../dist/vendor/kafkajs.cjs', import.meta.url))) as KafkajsModule;
  } catch {
    return undefined;
  }
}

export function kafkajs(): KafkajsModule {
  if (loaded) return loaded;
  try {
    // Through bin/launch.js when kfk runs from its bins: compiled from V8's code cache.
    let launcher: { loadCached(file: string): unknown } | undefined;
    try {
      launcher = require('../../../bin/launch.js');
    } catch {
      launcher = undefined;
    }
    loaded = (launcher?.loadCached(fileURLToPath(new URL('../../vendor/kafkajs.cjs', import.meta.url))) ?? require('../../vendor/kafkajs.cjs')) as KafkajsModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    loaded = fromBuild() ?? {
      kafkajs: require('kafkajs'),
      Encoder: require('kafkajs/src/protocol/encoder'),
      Decoder: require('kafkajs/src/protocol/decoder'),
      createErrorFromCode: require('kafkajs/src/protocol/error').createErrorFromCode,
      metadataResponses: [0, 1, 2, 3, 4, 5, 6].map((v) => require(`kafkajs/src/protocol/requests/metadata/v${v}/response`)),
    };
  }
  installMetadataDecoding(loaded.metadataResponses);
  return loaded;
}
