import { addDays } from '@ocop/clock';
import { daysBetween, expiryWindow, noticeDue } from './certificate-notices';

describe('OCOP certificate notices', () => {
  const today = '2030-05-01';

  it('reminds while the last valid day is 1 to 30 days ahead, both ends included', () => {
    expect(noticeDue('2030-05-02', today)).toBe('ocop.certificate_expiring');
    expect(noticeDue('2030-05-10', today)).toBe('ocop.certificate_expiring');
    expect(noticeDue('2030-05-31', today)).toBe('ocop.certificate_expiring');
    expect(noticeDue('2030-06-01', today)).toBeUndefined();
  });

  it('gives the expiry notice from the last valid day on, for 30 days of catch-up', () => {
    expect(noticeDue(today, today)).toBe('ocop.certificate_expired');
    expect(noticeDue('2030-04-01', today)).toBe('ocop.certificate_expired');
    expect(noticeDue('2030-03-31', today)).toBeUndefined();
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2030-12-31', '2031-01-30')).toBe(30);
    expect(daysBetween('2032-02-28', '2032-03-01')).toBe(2);
    expect(daysBetween('2030-05-01', '2030-04-01')).toBe(-30);
  });

  it('looks at every date a notice may be due for, and no other', () => {
    const { from, to } = expiryWindow(today);
    expect(from).toBe('2030-04-01');
    expect(to).toBe('2030-05-31');
    expect(daysBetween(from, to) + 1).toBe(61);
    const dates = Array.from({ length: 61 }, (_, i) => addDays(from, i));
    expect(dates.every((date) => noticeDue(date, today) !== undefined)).toBe(true);
    expect(noticeDue(addDays(from, -1), today)).toBeUndefined();
    expect(noticeDue(addDays(to, 1), today)).toBeUndefined();
  });
});
