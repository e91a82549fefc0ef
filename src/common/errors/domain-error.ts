/**
 * Errors that services throw; the global exception filter turns each kind into its HTTP status.
 * Services never import HTTP exceptions.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is well-formed but its content cannot be used. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
}

/** 401: missing, expired or revoked credentials. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}

/** 403: authenticated, but the role does not allow the action. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** 404: absent, or belongs to someone else (so ids cannot be probed). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string, details?: unknown) {
    super(`${what} not found`, details);
  }
}

/** 409: the request conflicts with the current state (duplicates, references, finished resources). */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** 413: the payload is larger than allowed. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

/** 415: the payload type is not supported, or does not match its declared type. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
}

/** 422: the payload has the right shape but its content is unusable (corrupt file, encrypted PDF). */
export class UnprocessableError extends DomainError {
  readonly status = 422;
}

/** 429: too many requests. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
}

/** 503: a dependency needed for this request is unavailable. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}
