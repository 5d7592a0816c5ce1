// What a group member does when a heartbeat to its coordinator fails: the one policy of the
// KIP-848 member (ConsumerGroupHeartbeat) and the share member (ShareGroupHeartbeat). A request
// that failed (a lost connection, say) and a coordinator that moved are tried again after a
// growing pause, with the coordinator looked up again; a member the coordinator fenced (its
// session expired, its epoch is stale) or does not know starts over (epoch 0); an old cluster
// and a denied group are errors at once; so is any other error code, and the 31st failure in a
// row.
import { KfkError } from '../../errors.js';

const COORDINATOR_LOAD_IN_PROGRESS = 14;
const COORDINATOR_NOT_AVAILABLE = 15;
const NOT_COORDINATOR = 16;
const UNKNOWN_MEMBER_ID = 25;
const GROUP_AUTHORIZATION_FAILED = 30;
const UNSUPPORTED_VERSION = 35;
const FENCED_MEMBER_EPOCH = 110;

/** Error codes that mean: the group's coordinator is elsewhere, or not ready yet. */
export const COORDINATOR_MOVED = new Set([COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR]);
/** Error codes that mean: the coordinator no longer takes this member as it is (join again). */
export const FENCED = new Set([UNKNOWN_MEMBER_ID, FENCED_MEMBER_EPOCH]);
/** Failures in a row that are tried again; the next one is the member's error. */
export const MAX_FAILURES = 30;

export interface HeartbeatErrorsOptions {
  groupId: string;
  /** The kind of group, as messages name it: a (KIP-848) consumer group or a share group. */
  kind: 'consumer' | 'share';
  /** The one-line error for a cluster without this kind of group. */
  unsupported: () => KfkError;
  errorName: (code: number) => string;
  log?: (line: string) => void;
  /** Its metadata is read again after a heartbeat that got no answer. */
  cluster: { refreshMetadata(): Promise<unknown> };
  /** Look the coordinator up again before the next heartbeat. */
  forgetCoordinator: () => void;
  /** The member was fenced: let its partitions go and join again with epoch 0. */
  rejoin: () => Promise<void> | void;
  /** Waits (and ends the wait early on a stop). */
  pause: (ms: number) => Promise<void>;
}

export interface HeartbeatErrors {
  /**
   * Sends one heartbeat: its answer, or null when it failed and may be sent again (after the
   * pause the failure asks for) or the member stopped meanwhile (`stopped`); throws when the
   * failure is the member's error.
   */
  beat<T extends { errorCode: number; errorMessage: string | null }>(send: () => Promise<T>, stopped: () => boolean): Promise<T | null>;
  /** A heartbeat that got no answer: resolves once it may be tried again, else throws. */
  failed(err: unknown): Promise<void>;
  /** An answer with an error code: resolves once the heartbeat may be sent again, else throws. */
  answered(code: number, message: string | null): Promise<void>;
  /** A heartbeat that was answered without error: the count of failures in a row starts over. */
  succeeded(): void;
}

export function heartbeatErrors(o: HeartbeatErrorsOptions): HeartbeatErrors {
  let failures = 0;
  const group = o.kind === 'share' ? 'share group' : 'group';
  return {
    async beat<T extends { errorCode: number; errorMessage: string | null }>(send: () => Promise<T>, stopped: () => boolean): Promise<T | null> {
      let res: T;
      try {
        res = await send();
      } catch (err) {
        if (stopped()) return null;
        await this.failed(err);
        return null;
      }
      if (res.errorCode) {
        await this.answered(res.errorCode, res.errorMessage);
        return null;
      }
      this.succeeded();
      return res;
    },
    async failed(err) {
      if (err instanceof KfkError || ++failures > MAX_FAILURES) throw err;
      o.log?.(`consume: heartbeat to the coordinator of ${group} '${o.groupId}' failed: ${(err as Error).message}; trying again`);
      o.forgetCoordinator();
      await o.cluster.refreshMetadata().catch(() => undefined);
      await o.pause(Math.min(200 * failures, 2000));
    },
    async answered(code, message) {
      if (code === UNSUPPORTED_VERSION) throw o.unsupported();
      if (code === GROUP_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access group: ${o.groupId}`);
      if (COORDINATOR_MOVED.has(code) && ++failures <= MAX_FAILURES) {
        o.forgetCoordinator();
        await o.pause(Math.min(200 * failures, 2000));
        return;
      }
      if (FENCED.has(code) && ++failures <= MAX_FAILURES) {
        o.log?.(`consume: the coordinator fenced this member (${message ?? o.errorName(code)}): joining again`);
        await o.rejoin();
        await o.pause(Math.min(100 * failures, 2000));
        return;
      }
      throw new KfkError(`cannot join ${o.kind} group '${o.groupId}': ${message ?? o.errorName(code)}`);
    },
    succeeded() {
      failures = 0;
    },
  };
}

/** A pause between heartbeats that a stop ends early: `wake()` resolves the pause under way, if any. */
export function wakeablePause(): { pause: (ms: number) => Promise<void>; wake: () => void } {
  let wake: (() => void) | null = null;
  return {
    pause: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          wake = null;
          resolve();
        }, ms);
        wake = () => {
          clearTimeout(t);
          wake = null;
          resolve();
        };
      }),
    wake: () => wake?.(),
  };
}
