/** Whole Vietnamese đồng. VND has no minor unit, in Stripe too: never divide by 100. */
export type Vnd = number;

export const MAX_VND = 10 ** 15;

export function assertVnd(amount: number): Vnd {
  if (!Number.isSafeInteger(amount) || Math.abs(amount) > MAX_VND) {
    throw new RangeError(`Not a whole VND amount within range: ${amount}`);
  }
  return amount;
}

export function multiplyVnd(unitPrice: Vnd, quantity: number): Vnd {
  return assertVnd(unitPrice * quantity);
}

export function sumVnd(amounts: Iterable<Vnd>): Vnd {
  let total = 0;
  for (const amount of amounts) total += amount;
  return assertVnd(total);
}

/** VAT of one line, rounded once (half up) per line; order totals are sums of rounded lines. */
export function vatOf(netAmount: Vnd, ratePercent: number): Vnd {
  return assertVnd(Math.round((netAmount * ratePercent) / 100));
}

/** A share in basis points (1/100 of a percent), rounded half up: commission on a supplier order. */
export function basisPointsOf(amount: Vnd, basisPoints: number): Vnd {
  return assertVnd(Math.round((amount * basisPoints) / 10_000));
}
