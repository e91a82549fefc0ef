import { STATUS_CODES } from 'node:http';

/** The one JSON shape of every error response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  requestId: string;
}

export function errorBody(
  statusCode: number,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorBody {
  const body: ErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    requestId,
  };
  if (details !== undefined) body.details = details;
  return body;
}
