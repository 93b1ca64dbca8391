import { HttpException } from '@nestjs/common';
import { CommonErrors } from './common.errors';
import { DomainError, Locale } from './domain-error';
import { ProblemDetails, toProblem } from './problem-details';

/** SQLSTATE classes and driver codes that mean "the database is not reachable right now". */
const UNAVAILABLE_SQLSTATES = /^(08|53|57P0[1-3]|40001|40P01)/;
/** SQLSTATE class 22, data exception: a value the column type cannot hold. */
const DATA_EXCEPTION_SQLSTATE = /^22[0-9A-Z]{3}$/;
const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export interface RenderedError {
  status: number;
  problem: ProblemDetails;
  /** Unexpected errors are logged with their stack; expected ones are not. */
  unexpected: boolean;
}

/** Maps anything thrown while handling a request to one problem document. */
export function renderError(error: unknown, locale: Locale, path?: string): RenderedError {
  const known = toDomainError(error);
  if (known) {
    const problem = toProblem(known.error, locale, known.status);
    // An over-long path is not worth sending back.
    if (path && problem.status !== 414) problem.instance = path;
    return { status: problem.status, problem, unexpected: false };
  }
  if (isDataException(error)) {
    // The client sent a value PostgreSQL refuses (U+0000, a date or number out of its range): its
    // fault, so a 400, but logged as unexpected because validation should have caught it first.
    const problem = toProblem(CommonErrors.VALIDATION_FAILED(), locale);
    if (path) problem.instance = path;
    return { status: problem.status, problem, unexpected: true };
  }
  const problem = toProblem(CommonErrors.INTERNAL_ERROR(), locale);
  return { status: problem.status, problem, unexpected: true };
}

function toDomainError(error: unknown): { error: DomainError; status?: number } | undefined {
  if (error instanceof DomainError) return { error };
  if (error instanceof HttpException) return fromHttpException(error);
  const candidate = error as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return undefined;
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { error: CommonErrors.PAYLOAD_TOO_LARGE(), status: 413 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { error: CommonErrors.UNSUPPORTED_MEDIA_TYPE(), status: 415 };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { error: CommonErrors.MALFORMED_JSON() };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { error: CommonErrors.URI_TOO_LONG(), status: 414 };
    case 'FST_ERR_BAD_URL':
      return { error: CommonErrors.MALFORMED_REQUEST() };
  }
  if (UNAVAILABLE_NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code)) {
    return { error: CommonErrors.SERVICE_UNAVAILABLE() };
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  // pg's words for a session that ended: mid-statement, at checkout, or (not queryable) between two
  // statements of a transaction.
  if (
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|is not queryable/i.test(
      message,
    )
  ) {
    return { error: CommonErrors.SERVICE_UNAVAILABLE() };
  }
  // TypeORM releases a query runner as soon as its connection reports an error, e.g. PostgreSQL
  // ending the session between two statements of a transaction (a restart, a terminated backend);
  // the next statement then fails with this. The transaction went with the session: an outage.
  if ((error as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') {
    return { error: CommonErrors.SERVICE_UNAVAILABLE() };
  }
  if (code === '23505') return { error: CommonErrors.CONFLICT() };
  if (typeof candidate.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500) {
    return { error: CommonErrors.VALIDATION_FAILED(), status: candidate.statusCode };
  }
  return undefined;
}

function fromHttpException(error: HttpException): { error: DomainError; status?: number } {
  const status = error.getStatus();
  switch (status) {
    case 401:
      return { error: CommonErrors.UNAUTHENTICATED() };
    case 403:
      return { error: CommonErrors.FORBIDDEN() };
    case 404:
      return { error: CommonErrors.NOT_FOUND() };
    case 413:
      return { error: CommonErrors.PAYLOAD_TOO_LARGE(), status: 413 };
    case 415:
      return { error: CommonErrors.UNSUPPORTED_MEDIA_TYPE(), status: 415 };
    case 429:
      return { error: CommonErrors.TOO_MANY_REQUESTS({ retryAfterSeconds: 60 }) };
    default:
      if (status >= 500) return { error: CommonErrors.INTERNAL_ERROR(), status };
      return { error: CommonErrors.VALIDATION_FAILED(), status };
  }
}

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // pg's DatabaseError carries `severity`; Node's own errors have string codes too, never this shape.
  return (
    typeof code === 'string' &&
    DATA_EXCEPTION_SQLSTATE.test(code) &&
    typeof (error as { severity?: unknown }).severity === 'string'
  );
}
