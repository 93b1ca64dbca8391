import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { isCalendarDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last item seen. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

// toISOString() and PostgreSQL's timestamptz::text, the two forms our cursors carry.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * What each part of a cursor may hold. A cursor is opaque but not trusted: a hand-made one must be a
 * 400, never a value the database refuses (a 500) or one that silently means something else.
 */
const CURSOR_PARTS = {
  // The same test as the DTOs' @IsUUID().
  uuid: (value: unknown) => isUUID(value),
  timestamp: (value: unknown) => typeof value === 'string' && isTimestamp(value),
  date: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
  text: (value: unknown) => typeof value === 'string' && value.length <= 1000 && !value.includes('\0'),
  integer: (value: unknown) => typeof value === 'string' && /^\d{1,18}$/.test(value),
  /** Checked by the caller, whose sort decides what the part is. */
  any: () => true,
} satisfies Record<string, (value: unknown) => boolean>;

export type CursorPart = keyof typeof CURSOR_PARTS;
export type CursorPosition<Shape extends readonly CursorPart[]> = {
  -readonly [Index in keyof Shape]: Shape[Index] extends 'any' ? unknown : string;
};

function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
  return isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`) && hours < 24 && minutes < 60 && seconds < 60;
}

/** The position a cursor carries, each part checked against `shape`; 400 when it is not one of ours. */
export function decodeCursor<const Shape extends readonly CursorPart[]>(
  cursor: string | undefined,
  shape: Shape,
): CursorPosition<Shape> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(position) &&
      position.length === shape.length &&
      shape.every((part, index) => CURSOR_PARTS[part](position[index]))
    ) {
      return position as CursorPosition<Shape>;
    }
  } catch {
    // falls through to the validation error below
  }
  throw invalidCursor();
}

function invalidCursor() {
  return CommonErrors.VALIDATION_FAILED({}, [{ field: 'cursor', message: 'invalid cursor' }]);
}

/** A page of a fixed list held in memory (reference data), resumed after the item the cursor names. */
export function pageOfList<Item>(
  items: readonly Item[],
  query: PageQueryDto,
  keyOf: (item: Item) => string,
): Page<Item> {
  const after = decodeCursor(query.cursor, ['text']);
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => keyOf(item) === after[0]);
    if (index < 0) throw invalidCursor();
    start = index + 1;
  }
  return pageOf(
    items.slice(start, start + query.limit + 1),
    query.limit,
    (item) => item,
    (item) => [keyOf(item)],
  );
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether more exist. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => unknown[],
): Page<Item> {
  const hasMore = rows.length > limit;
  const visible = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: visible.map(toItem),
    nextCursor: hasMore ? encodeCursor(positionOf(visible[visible.length - 1])) : null,
  };
}
