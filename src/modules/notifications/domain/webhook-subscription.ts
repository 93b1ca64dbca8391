import { FieldError } from '@ocop/errors';
import { ANY_EVENT } from './delivery-policy';

/**
 * What a webhook's `events` may name, given the event types organizations can receive: `*`, a
 * family (`payment.*`) that has at least one type, or one of the types. Anything else would be a
 * subscription that silently never fires.
 */
export function subscriptionPatterns(eventTypes: readonly string[]): string[] {
  const families = [...new Set(eventTypes.map((type) => type.slice(0, type.indexOf('.'))))].sort();
  return [ANY_EVENT, ...families.map((family) => `${family}.*`), ...[...eventTypes].sort()];
}

/** One field error per pattern that is not allowed, named by its place in the list (`events[2]`). */
export function unknownPatternErrors(
  patterns: readonly string[],
  allowed: ReadonlySet<string>,
  field: string,
): FieldError[] {
  return patterns.flatMap((pattern, index) =>
    allowed.has(pattern) ? [] : [{ field: `${field}[${index}]`, message: `unknown event type: ${pattern}` }],
  );
}
