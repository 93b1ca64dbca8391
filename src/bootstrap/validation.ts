import {
  ArgumentMetadata,
  UnsupportedMediaTypeException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { CommonErrors, FieldError } from '@ocop/errors';

/** `lines[0].quantity`-style paths for every failing constraint, nested objects and arrays included. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path = parent ? (key.startsWith('[') ? `${parent}${key}` : `${parent}.${key}`) : key;
    for (const message of Object.values(error.constraints ?? {})) result.push({ field: path, message });
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, path));
  }
  return result;
}

/**
 * A text body (text/plain, text/csv) reaches a route expecting a JSON object only when the client
 * sent the wrong Content-Type: that is a 415, not a 400 listing every field as missing.
 */
class JsonBodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && typeof value === 'string' && metadata.metatype !== String) {
      throw new UnsupportedMediaTypeException();
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new JsonBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({}, flattenValidationErrors(errors)),
  });
}
