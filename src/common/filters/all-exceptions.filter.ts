import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import mongoose from 'mongoose';
import { DomainError } from '../errors';
import { ErrorBody, errorBody } from './error-body';
import { isDuplicateKey } from '../../infra/database/duplicate-key';
import { isDatabaseUnreachable } from '../../infra/database/unreachable';

/** Maps every error, from any layer, to the single JSON error shape. Never leaks stack traces. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id ?? ''));
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (body.statusCode === 429 && !reply.hasHeader('retry-after'))
      reply.header('retry-after', '60');
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return errorBody(exception.status, exception.message, requestId, exception.details);
    }
    if (exception instanceof HttpException) {
      return fromHttpException(exception, requestId);
    }
    if (exception instanceof mongoose.Error.CastError) {
      return errorBody(400, `Invalid value for ${exception.path}`, requestId);
    }
    if (exception instanceof mongoose.Error.ValidationError) {
      const details = Object.values(exception.errors).map((e) => ({
        field: e.path,
        message: e.message,
      }));
      return errorBody(400, 'Validation failed', requestId, details);
    }
    if (isDatabaseUnreachable(exception)) {
      return errorBody(503, 'The database is unavailable; try again shortly', requestId);
    }
    if (isDuplicateKey(exception)) {
      return errorBody(409, 'A record with the same unique value already exists', requestId);
    }
    const status = clientErrorStatus(exception);
    if (status) return errorBody(status, clientErrorMessage(status, exception), requestId);
    return errorBody(500, 'Internal server error', requestId);
  }
}

function fromHttpException(exception: HttpException, requestId: string): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return errorBody(status, response, requestId);
  const { message, details } = response as { message?: unknown; details?: unknown };
  if (Array.isArray(message)) {
    return errorBody(status, 'Validation failed', requestId, details ?? message);
  }
  return errorBody(
    status,
    typeof message === 'string' ? message : exception.message,
    requestId,
    details,
  );
}

/** Errors raised by Fastify before a handler runs (bad JSON, too large, wrong content type) carry a 4xx status. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function clientErrorMessage(status: number, error: unknown): string {
  if (status === 413) return 'Request body is too large';
  return error instanceof Error ? error.message : 'Bad request';
}
