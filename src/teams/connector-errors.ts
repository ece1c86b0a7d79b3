// Failures of calls to the Bot Connector, and the retry rule for them.

/** HTTP status of a failed Bot Connector call, when the error carries one. */
export function connectorStatus(error: unknown): number | undefined {
  const candidate = error as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  const status = candidate?.statusCode ?? candidate?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

// Teams asks bots to retry 429 (throttled), 412 (precondition failed while a conversation is
// being created), 502 and 504 with exponential back-off.
const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);

export function isRetryable(error: unknown): boolean {
  const status = connectorStatus(error);
  return status !== undefined && RETRYABLE_STATUSES.has(status);
}

/** 403: the user blocked the bot, or the bot was removed from the conversation. */
export function isForbidden(error: unknown): boolean {
  return connectorStatus(error) === 403;
}

/** 404: the conversation no longer exists. */
export function isGone(error: unknown): boolean {
  return connectorStatus(error) === 404;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// botbuilder's HTTP client already retries a throttled call three times, honouring Retry-After;
// these attempts come on top of that, further apart.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** Delay before retry number `attempt` (1 for the first retry): exponential, with jitter from 50 % to 100 %. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `send`, retrying retryable connector failures up to the policy's attempts. Returns the
 * result, or throws the last error.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const delayMs = backoffDelay(policy, attempt);
      onRetry(error, attempt, delayMs);
      await wait(delayMs);
    }
  }
}
