// A bound on a wait for a broker's answer, kept by kfk itself: a broker that takes the
// connection and then answers nothing (a stopped process, a full disk) must not hold a command
// longer than its request timeout, whatever the connection's own timer does.

/** Why a wait ended at its deadline (the request itself may still be answered later). */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** `p`, or a rejection with a DeadlineError carrying `message` after `ms`. */
export function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
