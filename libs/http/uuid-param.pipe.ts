import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { CommonErrors } from '@ocop/errors';

/**
 * A path parameter that must be a UUID. Unlike Nest's ParseUUIDPipe, the 400 names the parameter in
 * `errors[]` like every other validation failure.
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    throw CommonErrors.VALIDATION_FAILED({}, [{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
  }
}
