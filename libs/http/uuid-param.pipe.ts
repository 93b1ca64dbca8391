import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrors } from '@ocop/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path parameter that must be a UUID. Unlike Nest's ParseUUIDPipe, the 400 names the parameter in
 * `errors[]` like every other validation failure.
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    throw CommonErrors.VALIDATION_FAILED({}, [{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
  }
}
