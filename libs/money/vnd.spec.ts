import { assertVnd, basisPointsOf, multiplyVnd, sumVnd, vatOf } from './vnd';

describe('Vnd', () => {
  it('rounds VAT half up once per line', () => {
    expect(vatOf(45_000, 8)).toBe(3_600);
    expect(vatOf(12_345, 5)).toBe(617);
    expect(vatOf(10, 5)).toBe(1);
    expect(vatOf(9, 5)).toBe(0);
  });

  it('handles amounts up to 10^13 exactly', () => {
    expect(multiplyVnd(1_000_000_000, 10_000)).toBe(10 ** 13);
    expect(sumVnd([10 ** 13, 1])).toBe(10 ** 13 + 1);
  });

  it('refuses fractions and unsafe numbers', () => {
    expect(() => assertVnd(1.5)).toThrow(RangeError);
    expect(() => assertVnd(2 ** 60)).toThrow(RangeError);
  });

  it('computes commission in basis points', () => {
    expect(basisPointsOf(1_000_000, 500)).toBe(50_000);
    expect(basisPointsOf(199, 500)).toBe(10);
  });
});
