import { IsOptional, IsString } from 'class-validator';
import { OptionalQueryInt } from '@app/platform';

/** Stream versions are int4 in the events table. */
export const MAX_STREAM_VERSION = 2_147_483_647;

/** Paging of GET .../{id}/history: events after a stream version, at most `limit`. */
export class HistoryQueryDto {
  @OptionalQueryInt(0, MAX_STREAM_VERSION, `afterVersion must be at most ${MAX_STREAM_VERSION}`)
  afterVersion?: number;

  @OptionalQueryInt(1, 500)
  limit?: number;
}

/** ?asOf= of GET .../{id}: a stream version or an ISO time (parseAsOf reads it). */
export class AsOfQueryDto {
  @IsOptional()
  @IsString()
  asOf?: string;
}
