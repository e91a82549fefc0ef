import { MalformedReplyError, ProviderError, redactSecrets } from './provider-errors';
import type { UsageMeter } from './provider.types';

export interface HttpCallOptions {
  timeoutMs: number;
  maxRetries: number;
  /** Removed from every message that is recorded. */
  secret: string;
  meter: UsageMeter;
  /** First backoff delay; doubles on each retry. */
  backoffMs?: number;
}

const DEFAULT_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;

/**
 * POSTs JSON with Node's fetch, a per-attempt timeout (AbortSignal.timeout) and retries with exponential
 * backoff on timeouts, network errors, 429 and 5xx (honouring Retry-After up to 10 s). Every attempt is
 * recorded on the meter; secrets never reach the recorded messages.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  options: HttpCallOptions,
): Promise<unknown> {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const canRetry = attempt <= options.maxRetries;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const timeout = isTimeout(error);
      const message = timeout
        ? `no reply within ${options.timeoutMs} ms`
        : redactSecrets(describe(error), options.secret);
      options.meter.record({
        attempt,
        kind: timeout ? 'timeout' : 'network-error',
        durationMs: elapsed(),
        message,
      });
      if (canRetry) {
        await sleep(delay(backoff, attempt));
        continue;
      }
      throw new ProviderError(
        `The provider did not answer: ${message} (after ${attempt} attempts)`,
        true,
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      options.meter.record({
        attempt,
        kind: isTimeout(error) ? 'timeout' : 'network-error',
        durationMs: elapsed(),
      });
      if (canRetry) {
        await sleep(delay(backoff, attempt));
        continue;
      }
      throw new ProviderError(`The provider's reply was cut off (after ${attempt} attempts)`, true);
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status >= 500;
      const message = redactSecrets(errorMessage(text), options.secret);
      options.meter.record({
        attempt,
        kind: 'http-error',
        status: response.status,
        durationMs: elapsed(),
        message,
      });
      if (retryable && canRetry) {
        await sleep(retryAfter(response) ?? delay(backoff, attempt));
        continue;
      }
      throw new ProviderError(
        `The provider answered HTTP ${response.status}: ${message}`,
        retryable,
        response.status,
      );
    }
    options.meter.record({ attempt, kind: 'ok', status: response.status, durationMs: elapsed() });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new MalformedReplyError(`The provider's HTTP body is not JSON: ${snippet(text)}`);
    }
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** The error text of an API error body (`{ error: { message } }` in both wire formats), shortened. */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as {
      error?: { message?: unknown } | string;
      message?: unknown;
    };
    const message =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return snippet(message);
  } catch {
    // Not JSON: use the text.
  }
  return snippet(text);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat || '(empty)';
}

function delay(base: number, attempt: number): number {
  return Math.min(base * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.min(Number(value) * 1000, MAX_BACKOFF_MS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
