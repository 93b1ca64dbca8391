export type ErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many'
  | 'unavailable'
  | 'internal';

export type Locale = 'vi' | 'en';

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorDefinition {
  kind: ErrorKind;
  vi: string;
  en: string;
}

/**
 * The one error type of the domain. `code` is the contract's stable UPPER_SNAKE code; the message
 * catalogue registered with `defineErrors` turns it into Vietnamese or English text at the edge.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

const catalogue = new Map<string, ErrorDefinition>();

export function findErrorDefinition(code: string): ErrorDefinition | undefined {
  return catalogue.get(code);
}

type ErrorFactories<T extends Record<string, ErrorDefinition>> = {
  [K in keyof T]: (params?: Record<string, unknown>, fieldErrors?: FieldError[]) => DomainError;
};

/**
 * Registers a module's error codes with their messages and returns one factory per code, so that
 * throwing an error whose message nobody wrote is a compile error.
 */
export function defineErrors<T extends Record<string, ErrorDefinition>>(definitions: T): ErrorFactories<T> {
  const factories = {} as ErrorFactories<T>;
  for (const [code, definition] of Object.entries(definitions)) {
    const existing = catalogue.get(code);
    if (existing && existing.kind !== definition.kind) {
      throw new Error(`Error code ${code} is defined twice with different kinds`);
    }
    catalogue.set(code, definition);
    factories[code as keyof T] = (params = {}, fieldErrors = []) =>
      new DomainError(definition.kind, code, params, fieldErrors);
  }
  return factories;
}

/** Fills `{name}` placeholders from the error's params. */
export function renderMessage(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
