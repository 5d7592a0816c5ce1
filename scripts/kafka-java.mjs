// What the generators that read Kafka's own jars share: where those jars are, and running a
// single-file Java program (Java 11+) against them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The version kfk local and the tests use, whose jars the generators read by default. */
export const KAFKA_VERSION = process.env.KFK_KAFKA_VERSION ?? '4.4.0';

/** The libs/ folder given on the command line, or that of the Kafka in kfk's cache (~/.cache/kfk/kafka-<version>/libs). */
export function kafkaLibs(given) {
  const cache = process.env.KFK_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kfk');
  return given ?? join(cache, `kafka-${KAFKA_VERSION}`, 'libs');
}

/** Runs the public class `className` (its source in `source`) with Kafka's jars on the class path; its stdout. */
export function runJava(className, source, libs) {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-java-'));
  try {
    writeFileSync(join(dir, `${className}.java`), source);
    return execFileSync('java', ['-cp', join(libs, '*'), join(dir, `${className}.java`)], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
