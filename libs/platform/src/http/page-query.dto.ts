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
