/** When the local runtime runs its daily jobs: the same hour as the EventBridge schedule on AWS. */

/** Milliseconds from `now` to the next 00:05 in Vietnam (UTC+7, no daylight saving): 17:05 UTC. */
export function msUntilNext0005Ict(now: number): number {
  const day = 86_400_000;
  const target = 17 * 3_600_000 + 5 * 60_000;
  const sinceMidnightUtc = now % day;
  return (target - sinceMidnightUtc + day) % day || day;
}
