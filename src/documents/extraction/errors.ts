/** Why an upload was refused; the HTTP layer maps every reason to a 4xx response. */
export type RejectionReason =
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'type-mismatch'
  | 'invalid-encoding'
  | 'encrypted-pdf'
  | 'corrupt'
  | 'zip-bomb'
  | 'no-text';

/** An uploaded document that cannot be accepted, with a message fit to show the uploader. */
export class ContentRejectedError extends Error {
  override readonly name = 'ContentRejectedError';

  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
  }
}
