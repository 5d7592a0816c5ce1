// A member of the KIP-848 protocol (group.protocol=consumer) in the moments around joining:
// a stop that comes while it joins, and topics created after it joined that its --include matches.
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const NEW_PROTOCOL = ['--consumer-property', 'group.protocol=consumer'];

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('consume --group with group.protocol=consumer around its join', () => {
  it.concurrent('a stop that comes while it joins (--timeout-ms; Ctrl-C takes the same path) ends it at once', async () => {
    const t = uniqueName('k848stop');
    expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2'])).code).toBe(0);
    // The idle timeout runs out at different moments of the join: finding the coordinator,
    // reading the topics' metadata and ids, the first heartbeats. Each run must end soon after.
    const timeouts = [1, 10, 30, 60, 100, 200];
    const runs = await Promise.all(
      timeouts.map((ms) => kfk(['consume', ...B, '--topic', t, '--group', uniqueName('k848stop'), ...NEW_PROTOCOL, '--timeout-ms', String(ms)], { timeoutMs: 15_000 })),
    );
    for (const [i, r] of runs.entries()) {
      expect({ timeout: timeouts[i], code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ timeout: timeouts[i], code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
      expect(r.ms).toBeLessThan(8000);
    }
  }, 60_000);
});
