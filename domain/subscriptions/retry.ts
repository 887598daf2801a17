/**
 * When a failed delivery is tried again, and when a subscriber is paused (docs/adr/0022): exponential backoff from
 * `firstMs`, doubling to `maxMs`, jittered by up to a fifth; a subscription whose deliveries have failed for `pauseAfterMs`
 * is paused rather than retried for ever.
 */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
  pauseAfterMs: number;
}

/** On AWS: 1 minute, doubling to 6 hours; paused after 3 days of failures. */
export const DEFAULT_RETRY: RetryPolicy = { firstMs: 60_000, maxMs: 6 * 3600_000, pauseAfterMs: 3 * 24 * 3600_000 };

/** The wait before attempt `attempts + 1`, having failed `attempts` times (≥ 1); `random` in [0, 1). */
export function backoffMs(policy: RetryPolicy, attempts: number, random: number): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(base * (1 + 0.2 * random));
}

/** True when a subscription failing since `failingSince` has failed long enough to be paused. */
export const shouldPause = (policy: RetryPolicy, failingSince: string, now: Date) => now.getTime() - Date.parse(failingSince) >= policy.pauseAfterMs;
