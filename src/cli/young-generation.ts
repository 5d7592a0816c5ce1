// V8's young generation, kept at the size it has once a command is connected.
import { setFlagsFromString } from 'node:v8';

/**
 * Node lets V8's young generation grow to 16 MB of semispaces. Records and responses die young,
 * and a larger young generation is only more memory touched: consuming 10M records from 3 brokers
 * peaked at 80-85 MB, 70-77 MB with this. V8 reads the flag when the young generation is to grow,
 * so it can be set while running: as a flag on Node's command line it would cost every start
 * about 10 ms (Node then compiles its own modules rather than take them from its embedded code
 * cache). Called once the connection is made: V8 checks a code cache against the flags it was
 * made under, and kfk's caches (the CLI's, kafkajs') are read by then, under the same flags at
 * every run. Not at start either: there the young generation's growth saves first record several
 * ms of collections. (`kfk produce` starts Node with `--max-semi-space-size=1`: see bin/kfk.js.)
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  // Back to V8's default (2) before bin/launch.js writes a code cache at exit (its listener was
  // added first, so this one goes in front): a cache made under this flag would be rejected by
  // every later start.
  process.prependListener('exit', () => setFlagsFromString('--semi-space-growth-factor=2'));
}
