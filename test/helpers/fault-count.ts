/**
 * How many 3-broker fault clusters a run starts, and so how many fault files run at once (one
 * cluster each): KFK_FAULT_CLUSTERS, 2 by default; 1 when running a single file by hand.
 */
export function faultClusterCount(env: NodeJS.ProcessEnv): number {
  const n = Number(env.KFK_FAULT_CLUSTERS ?? 2);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : 2;
}
