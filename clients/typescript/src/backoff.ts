export interface ReconnectOptions {
  /** Reconnection attempts after a connection is lost, before the terminal "restart_required" state. Default 5. */
  maxAttempts?: number;
  /** Delay before the first attempt; doubles with each further attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Upper bound of the delay. Default 30000 ms. */
  maxDelayMs?: number;
}

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
};

/**
 * The wait before reconnection attempt `attempt` (1-based): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that the clients of a restarted gateway spread out
 * instead of returning all at once, while none retries immediately.
 */
export function backoffDelay(attempt: number, options: Required<ReconnectOptions>, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
