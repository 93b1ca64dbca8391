import { assertVnd, MAX_VND, multiplyVnd, sumVnd, vatOf, Vnd } from '@ocop/money';
import { OrderingErrors } from './ordering.errors';

export interface PricedLineInput {
  listingId: string;
  producerId: string;
  quantity: number;
  unitPriceVnd: Vnd;
  /** VAT rate in percent (0, 5, 8 or 10). */
  vatRate: number;
}

export interface LineAmounts {
  /** Net amount of the line: unit price × quantity, before VAT. */
  lineTotalVnd: Vnd;
  /** VAT of this line, rounded once. */
  vatVnd: Vnd;
}

export interface Totals {
  subtotalVnd: Vnd;
  vatVnd: Vnd;
  totalVnd: Vnd;
}

/** Prices are net of VAT; VAT is computed per line and rounded once per line (never on the total). */
export function lineAmounts(unitPriceVnd: Vnd, quantity: number, vatRate: number): LineAmounts {
  const lineTotalVnd = multiplyVnd(unitPriceVnd, quantity);
  return { lineTotalVnd, vatVnd: vatOf(lineTotalVnd, vatRate) };
}

/** Totals are sums of the rounded lines. */
export function totalsOf(lines: LineAmounts[]): Totals {
  const subtotalVnd = sumVnd(lines.map((line) => line.lineTotalVnd));
  const vatVnd = sumVnd(lines.map((line) => line.vatVnd));
  return { subtotalVnd, vatVnd, totalVnd: assertVnd(subtotalVnd + vatVnd) };
}

export interface PricedLine extends PricedLineInput, LineAmounts {}

export interface SupplierOrderDraft extends Totals {
  producerId: string;
  lines: PricedLine[];
}

export interface PurchaseOrderDraft extends Totals {
  supplierOrders: SupplierOrderDraft[];
}

/**
 * Splits priced lines into one supplier order per producer (in the order producers first appear)
 * and sums each, then the whole.
 */
export function draftPurchaseOrder(lines: PricedLineInput[]): PurchaseOrderDraft {
  try {
    return draft(lines);
  } catch (error) {
    // Each price and quantity is within bounds, but not every product of them: money stays exact
    // only up to MAX_VND.
    if (error instanceof RangeError) throw OrderingErrors.ORDER_AMOUNT_TOO_LARGE({ maxVnd: MAX_VND });
    throw error;
  }
}

function draft(lines: PricedLineInput[]): PurchaseOrderDraft {
  const byProducer = new Map<string, PricedLine[]>();
  for (const line of lines) {
    const priced: PricedLine = { ...line, ...lineAmounts(line.unitPriceVnd, line.quantity, line.vatRate) };
    const group = byProducer.get(line.producerId);
    if (group) group.push(priced);
    else byProducer.set(line.producerId, [priced]);
  }
  const supplierOrders = [...byProducer].map(([producerId, producerLines]) => ({
    producerId,
    lines: producerLines,
    ...totalsOf(producerLines),
  }));
  return { supplierOrders, ...totalsOf(supplierOrders.flatMap((order) => order.lines)) };
}
