import { FieldError } from '@ocop/errors';
import { OrderingErrors } from './ordering.errors';

export interface OrderedLine {
  id: string;
  listingId: string;
  quantity: number;
}

export interface AcceptedLine extends OrderedLine {
  acceptedQty: number;
  /** What the producer declined and goes back to available stock. */
  releasedQty: number;
}

/**
 * Resolves a (possibly partial) acceptance: lines not named are accepted in full; each named line
 * accepts 0 ≤ acceptedQty ≤ quantity. Accepting nothing at all is a rejection, not an acceptance.
 */
export function resolveAcceptance(
  lines: OrderedLine[],
  requested: { lineId: string; acceptedQty: number }[] | undefined,
): AcceptedLine[] {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const accepted = new Map<string, number>();
  const errors: FieldError[] = [];
  (requested ?? []).forEach((entry, index) => {
    const line = byId.get(entry.lineId);
    if (!line) errors.push({ field: `lines[${index}].lineId`, message: 'is not a line of this order' });
    else if (accepted.has(entry.lineId))
      errors.push({ field: `lines[${index}].lineId`, message: 'is repeated' });
    else if (
      !Number.isInteger(entry.acceptedQty) ||
      entry.acceptedQty < 0 ||
      entry.acceptedQty > line.quantity
    ) {
      errors.push({
        field: `lines[${index}].acceptedQty`,
        message: `must be between 0 and ${line.quantity}`,
      });
    } else accepted.set(entry.lineId, entry.acceptedQty);
  });
  if (errors.length) throw OrderingErrors.ACCEPTED_QTY_INVALID({}, errors);
  const result = lines.map((line) => {
    const acceptedQty = accepted.get(line.id) ?? line.quantity;
    return { ...line, acceptedQty, releasedQty: line.quantity - acceptedQty };
  });
  if (result.every((line) => line.acceptedQty === 0)) {
    throw OrderingErrors.ACCEPTED_QTY_INVALID({}, [
      { field: 'lines', message: 'accepts nothing; reject the order instead' },
    ]);
  }
  return result;
}
