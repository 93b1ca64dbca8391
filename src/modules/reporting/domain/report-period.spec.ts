import { expiryWindow, resolvePeriod } from './report-period';

describe('report periods', () => {
  it('defaults to the current Vietnamese month so far', () => {
    expect(resolvePeriod('2026-11-29')).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(resolvePeriod('2026-11-29', '2026-09-15')).toEqual({ from: '2026-09-15', to: '2026-11-29' });
    expect(resolvePeriod('2026-11-29', undefined, '2026-10-20')).toEqual({
      from: '2026-10-01',
      to: '2026-10-20',
    });
  });

  it('refuses a reversed or overlong range', () => {
    expect(() => resolvePeriod('2026-11-29', '2026-11-10', '2026-11-09')).toThrow('REPORT_PERIOD_INVALID');
    expect(() => resolvePeriod('2026-11-29', '2024-01-01', '2026-11-29')).toThrow('REPORT_PERIOD_INVALID');
    expect(resolvePeriod('2026-11-29', '2026-11-10', '2026-11-10')).toEqual({
      from: '2026-11-10',
      to: '2026-11-10',
    });
  });

  it('includes the 90th day in the expiry window, across month ends', () => {
    expect(expiryWindow('2026-11-29', 90)).toEqual({ first: '2026-11-29', last: '2027-02-27' });
  });
});
