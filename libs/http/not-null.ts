import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null. `@IsOptional()` skips every check for null too, so a
 * `{ "name": null }` would pass and then be ignored as if it had been left out: for a field the fair
 * always has, null is a 400 naming it instead.
 */
export const IsOptionalNotNull = () =>
  applyDecorators(
    ValidateIf((_dto: object, value: unknown) => value !== undefined),
    IsDefined({ message: '$property must not be null' }),
  );
