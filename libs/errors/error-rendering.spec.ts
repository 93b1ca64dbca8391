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
