import { wantsCsv } from './report-format.interceptor';

describe('report format negotiation', () => {
  const ask = (accept?: string, format?: string) =>
    wantsCsv({ headers: accept === undefined ? {} : { accept }, query: format ? { format } : {} });

  it('answers CSV for ?format=csv or an Accept that prefers text/csv', () => {
    expect(ask(undefined, 'csv')).toBe(true);
    expect(ask('text/csv')).toBe(true);
    expect(ask('text/csv; charset=utf-8')).toBe(true);
    expect(ask('application/json;q=0.5, text/csv')).toBe(true);
  });

  it('answers JSON otherwise', () => {
    expect(ask()).toBe(false);
    expect(ask('*/*')).toBe(false);
    expect(ask('application/json')).toBe(false);
    expect(ask('text/csv;q=0.2, application/json')).toBe(false);
    expect(ask('text/csv', 'json')).toBe(false);
  });
});
