import { ValidationError, ValidationPipe } from '@nestjs/common';
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({}, flattenValidationErrors(errors)),
  });
}
