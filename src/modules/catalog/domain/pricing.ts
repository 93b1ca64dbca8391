import { multiplyVnd } from '@ocop/money';

export interface PriceTier {
  minQty: number;
  priceVnd: number;
}

export interface Priced {
  priceVnd: number;
  priceTiers: readonly PriceTier[];
}

/**
 * The unit price for an order quantity: the tier with the largest `minQty` not above the quantity
 * wins; below every tier the listing's base price applies.
 */
export function unitPriceFor(listing: Priced, quantity: number): number {
  let best: PriceTier | undefined;
  for (const tier of listing.priceTiers) {
    if (tier.minQty <= quantity && (best === undefined || tier.minQty > best.minQty)) best = tier;
  }
  return best ? best.priceVnd : listing.priceVnd;
}

/** Net amount of a line before VAT. */
export function lineAmountFor(listing: Priced, quantity: number): number {
  return multiplyVnd(unitPriceFor(listing, quantity), quantity);
}

/** Tier rules: distinct minimum quantities above 1, positive whole-dong prices. Returns problems found. */
export function priceTierProblems(tiers: readonly PriceTier[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const [index, tier] of tiers.entries()) {
    if (!Number.isInteger(tier.minQty) || tier.minQty < 2)
      problems.push(`priceTiers[${index}].minQty must be an integer ≥ 2`);
    if (!Number.isSafeInteger(tier.priceVnd) || tier.priceVnd < 1)
      problems.push(`priceTiers[${index}].priceVnd must be a positive integer`);
    if (seen.has(tier.minQty)) problems.push(`priceTiers[${index}].minQty ${tier.minQty} appears twice`);
    seen.add(tier.minQty);
  }
  return problems;
}

/** Tiers stored in ascending minQty order. */
export function sortedTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers]
    .map((t) => ({ minQty: t.minQty, priceVnd: t.priceVnd }))
    .sort((a, b) => a.minQty - b.minQty);
}
