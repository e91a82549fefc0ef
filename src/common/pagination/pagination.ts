import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsObjectId, Optional } from '../validation';

export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` — the same on every list endpoint. The cursor is the id of the last item seen. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @Optional()
  @IsObjectId('cursor must be the `next` value of a previous page')
  cursor?: string;
}

export class Page<T> {
  @ApiProperty({ isArray: true })
  items!: T[];

  @ApiPropertyOptional({
    description: 'Pass as `cursor` to get the next page; absent on the last page',
    nullable: true,
  })
  next!: string | null;
}

/**
 * Builds a page from `limit + 1` rows fetched in cursor order: the extra row only tells whether
 * there is a next page. The cursor is the last item's id unless `cursorOf` says otherwise.
 */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string = (last) => last.id,
): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}
