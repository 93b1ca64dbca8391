import { isCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it.each([
    ['2026-12-05', true],
    ['2028-02-29', true],
    ['0001-01-01', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['0000-01-01', false],
    ['05/12/2026', false],
    ['2026-12-5', false],
    ['2026-12-05T00:00:00Z', false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
