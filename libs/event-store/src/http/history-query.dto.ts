import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Stream versions are int4 in the events table. */
export const MAX_STREAM_VERSION = 2_147_483_647;

/** Paging of GET .../{id}/history: events after a stream version, at most `limit`. */
export class HistoryQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_STREAM_VERSION, { message: `afterVersion must be at most ${MAX_STREAM_VERSION}` })
  afterVersion?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** ?asOf= of GET .../{id}: a stream version or an ISO time (parseAsOf reads it). */
export class AsOfQueryDto {
  @IsOptional()
  @IsString()
  asOf?: string;
}
