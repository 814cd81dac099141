import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Pages past this are refused: page × limit must stay an OFFSET the database takes, and nobody pages this far. */
export const MAX_PAGE = 1_000_000;

/** ?page=&limit= of every list route; list query DTOs extend it (class-validator inherits the rules). */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** ?page=&limit= as the list queries take them: the first page of 50 unless the query says otherwise. */
export const pageOf = (query: { page?: number; limit?: number }) => ({
  page: query.page ?? 1,
  limit: query.limit ?? 50,
});
