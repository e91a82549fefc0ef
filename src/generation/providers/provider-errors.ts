/**
 * A provider call that failed. `retryable` failures (timeouts, network errors, 429 and 5xx after the
 * client's own retries) may succeed later; the others (bad key, rejected reply) will not.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The reply arrived but its content is unusable (not JSON, wrong shape). */
export class MalformedReplyError extends ProviderError {
  constructor(message: string) {
    super(message, false);
  }
}

/** Removes an API key (and anything shaped like one) from text that may be stored or logged. */
export function redactSecrets(text: string, secret: string): string {
  let out = secret ? text.split(secret).join('[redacted]') : text;
  out = out.replace(/\b(sk|sk-ant|key)-[A-Za-z0-9_-]{6,}/g, '[redacted]');
  return out.replace(/(bearer\s+)[^\s"']+/gi, '$1[redacted]');
}
