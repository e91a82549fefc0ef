import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { InvalidInputError } from '../errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's optional Idempotency-Key header, checked: 1-128 letters, digits, `.`, `_`, `:` or
 * `-`, or a 400. Document it with `@ApiHeader({ name: 'Idempotency-Key', required: false })`.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
      throw new InvalidInputError('Idempotency-Key must be 1-128 letters, digits, . _ : or -');
    return key;
  },
);
