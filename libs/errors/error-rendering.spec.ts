import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { renderError } from './error-rendering';

describe('renderError: PostgreSQL going away', () => {
  it.each([
    [
      'a session ended by the server (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a refused connection', Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' })],
    ['a transaction whose session ended between two statements', new QueryRunnerAlreadyReleasedError()],
    [
      'a pg client used again after its session ended',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('answers 503 SERVICE_UNAVAILABLE for %s', (_case, error) => {
    const rendered = renderError(error, 'vi');
    expect(rendered).toMatchObject({
      status: 503,
      unexpected: false,
      problem: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(rendered.problem.detail).toBe('Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại.');
  });

  it('still answers 500 for an error it does not know', () => {
    expect(renderError(new TypeError('x is not a function'), 'vi')).toMatchObject({
      status: 500,
      unexpected: true,
    });
  });
});

describe('renderError: values PostgreSQL refuses', () => {
  it.each([
    ['U+0000 in text (22021)', '22021'],
    ['a date out of range (22008)', '22008'],
    ['a number out of range (22003)', '22003'],
  ])('answers 400 VALIDATION_FAILED for %s, logged as unexpected', (_case, code) => {
    const error = Object.assign(new Error('invalid input'), { code, severity: 'ERROR' });
    expect(renderError(error, 'en', '/api/v1/orders')).toMatchObject({
      status: 400,
      unexpected: true,
      problem: { code: 'VALIDATION_FAILED', instance: '/api/v1/orders' },
    });
  });

  it('leaves a non-database error with a class-22-like code alone', () => {
    expect(renderError(Object.assign(new Error('x'), { code: '22021' }), 'en').status).toBe(500);
  });
});

describe('renderError: router refusals', () => {
  it('answers 414 URI_TOO_LONG for a path parameter over the router limit', () => {
    const error = Object.assign(new Error("'/api/v1/orders/aaaa' is exceeding the max param length"), {
      code: 'FST_ERR_MAX_PARAM_LENGTH',
    });
    const rendered = renderError(error, 'en');
    expect(rendered).toMatchObject({ status: 414, problem: { code: 'URI_TOO_LONG', title: 'URI Too Long' } });
    expect(JSON.stringify(rendered.problem)).not.toContain('aaaa');
  });
});
