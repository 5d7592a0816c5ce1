// V8's heap, kept small once a command that moves records is connected: the young generation
// (consume) and the old one's growth (produce and consume).
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

/**
 * V8 lets the old generation grow, before its next full collection, by a factor it picks from
 * how little time collections took so far: up to 4x what survived the last one. A producer
 * promotes what lives through a round trip to the broker (its batches, their tags and requests):
 * keyed records spread over hundreds of partitions make thousands of small batches a second, and
 * the old generation grew from 8 to 22 MB, mostly of dead batches, before V8 collected it (1M
 * keyed records on 300 partitions: 86-88 MB peak RSS; 80-81 MB with a fixed growth of 1.2x, the
 * wall time the same). A consumer promotes what lives through a round of fetches: an answer per
 * partition, hundreds a round over hundreds of partitions (6M records from 300 partitions on 3
 * brokers: 83-86 MB, 75-77 MB with it; wall time the same, and the same with 1 or 12 partitions).
 * Set once connected and put back before a code cache is written at exit, as above.
 */
export function collectOldGenerationSooner(): void {
  setFlagsFromString('--heap-growing-percent=20');
  process.prependListener('exit', () => setFlagsFromString('--heap-growing-percent=0'));
}
