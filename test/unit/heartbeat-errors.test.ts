// The heartbeat error policy that the KIP-848 member and the share member share: what is tried
// again (and after which pause), what joins again, and what is the member's error.
import { describe, expect, it } from 'vitest';
import { KfkError } from '../../src/errors.js';
import { MAX_FAILURES, heartbeatErrors, wakeablePause } from '../../src/kafka/consumer/heartbeat-errors.js';

/** A policy whose effects are recorded: pauses, coordinator look-ups, metadata refreshes, rejoins, log lines. */
function recorded(kind: 'consumer' | 'share' = 'consumer') {
  const seen: string[] = [];
  const errors = heartbeatErrors({
    groupId: 'g',
    kind,
    unsupported: () => new KfkError(`no ${kind} groups here`),
    errorName: (code) => `ERROR_${code}`,
    log: (line) => seen.push(`log ${line}`),
    cluster: { refreshMetadata: async () => seen.push('refresh') },
    pause: async (ms) => void seen.push(`pause ${ms}`),
    forgetCoordinator: () => seen.push('forget coordinator'),
    rejoin: () => void seen.push('rejoin'),
  });
  return { errors, seen };
}

const answer = (errorCode: number, errorMessage: string | null = null) => ({ errorCode, errorMessage, memberEpoch: 1 });

describe('heartbeatErrors', () => {
  it('passes an answer without error on, and starts the count of failures over', async () => {
    const { errors, seen } = recorded();
    expect(await errors.beat(async () => answer(14), () => false)).toBeNull();
    expect(await errors.beat(async () => answer(14), () => false)).toBeNull();
    expect(await errors.beat(async () => answer(0), () => false)).toEqual(answer(0));
    expect(await errors.beat(async () => answer(16), () => false)).toBeNull();
    // The pause grows by 200 ms a failure in a row: 200, 400, then 200 again after the answer.
    expect(seen).toEqual(['forget coordinator', 'pause 200', 'forget coordinator', 'pause 400', 'forget coordinator', 'pause 200']);
  });

  it('a coordinator that moved or is loading: looked up again, tried again', async () => {
    for (const code of [14, 15, 16]) {
      const { errors, seen } = recorded();
      expect(await errors.beat(async () => answer(code), () => false)).toBeNull();
      expect(seen).toEqual(['forget coordinator', 'pause 200']);
    }
  });

  it('a fenced or unknown member joins again, with the reason in the log', async () => {
    for (const [kind, code] of [['consumer', 25], ['share', 110]] as const) {
      const { errors, seen } = recorded(kind);
      expect(await errors.beat(async () => answer(code, code === 110 ? 'The member epoch is fenced.' : null), () => false)).toBeNull();
      const reason = code === 110 ? 'The member epoch is fenced.' : 'ERROR_25';
      expect(seen).toEqual([`log consume: the coordinator fenced this member (${reason}): joining again`, 'rejoin', 'pause 100']);
    }
  });

  it('a heartbeat without an answer: coordinator and metadata looked up again, tried again', async () => {
    const { errors, seen } = recorded('share');
    expect(await errors.beat(() => Promise.reject(new Error('Connection closed')), () => false)).toBeNull();
    expect(seen).toEqual(["log consume: heartbeat to the coordinator of share group 'g' failed: Connection closed; trying again", 'forget coordinator', 'refresh', 'pause 200']);
    const consumer = recorded('consumer');
    await consumer.errors.beat(() => Promise.reject(new Error('Connection closed')), () => false);
    expect(consumer.seen[0]).toBe("log consume: heartbeat to the coordinator of group 'g' failed: Connection closed; trying again");
  });

  it('a heartbeat that failed because the member stopped: nothing more', async () => {
    const { errors, seen } = recorded();
    expect(await errors.beat(() => Promise.reject(new Error('aborted')), () => true)).toBeNull();
    expect(seen).toEqual([]);
  });

  it("the member's errors: an old cluster, a denied group, another code, kfk's own error", async () => {
    const fails = async (kind: 'consumer' | 'share', send: () => Promise<ReturnType<typeof answer>>) => {
      const { errors } = recorded(kind);
      return errors.beat(send, () => false).then(
        () => 'no error',
        (err: Error) => `${err instanceof KfkError ? 'KfkError' : err.name}: ${err.message}`,
      );
    };
    expect(await fails('consumer', async () => answer(35))).toBe('KfkError: no consumer groups here');
    expect(await fails('share', async () => answer(30))).toBe('KfkError: Not authorized to access group: g');
    expect(await fails('consumer', async () => answer(24, 'The group id is invalid.'))).toBe("KfkError: cannot join consumer group 'g': The group id is invalid.");
    expect(await fails('share', async () => answer(113))).toBe("KfkError: cannot join share group 'g': ERROR_113");
    expect(await fails('share', () => Promise.reject(new KfkError('topic gone')))).toBe('KfkError: topic gone');
  });

  it(`gives up after ${MAX_FAILURES} failures in a row, with the last failure`, async () => {
    const { errors, seen } = recorded();
    for (let i = 0; i < MAX_FAILURES; i++) expect(await errors.beat(async () => answer(15), () => false)).toBeNull();
    // The pause stops growing at 2 s.
    expect(seen.filter((s) => s.startsWith('pause')).slice(8, 11)).toEqual(['pause 1800', 'pause 2000', 'pause 2000']);
    await expect(errors.beat(async () => answer(15), () => false)).rejects.toThrow("cannot join consumer group 'g': ERROR_15");
    const lost = recorded();
    for (let i = 0; i < MAX_FAILURES; i++) await lost.errors.beat(() => Promise.reject(new Error('ECONNREFUSED')), () => false);
    await expect(lost.errors.beat(() => Promise.reject(new Error('ECONNREFUSED')), () => false)).rejects.toThrow('ECONNREFUSED');
  });
});

describe('wakeablePause', () => {
  it('ends a pause early on wake, and a wake with no pause under way does nothing', async () => {
    const { pause, wake } = wakeablePause();
    wake();
    const started = Date.now();
    const p = pause(10_000);
    setTimeout(wake, 20);
    await p;
    expect(Date.now() - started).toBeLessThan(2000);
    const t = Date.now();
    await pause(30);
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });
});
