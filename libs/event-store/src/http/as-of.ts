import { ValidationFailedError } from '@app/domain-kernel';
import type { AsOf } from '../store/aggregate-loader';
import { MAX_STREAM_VERSION } from './history-query.dto';

/** ?asOf= is a stream version (a positive integer) or an ISO 8601 time; anything else is a 400 naming it. */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) {
    const version = Number(value);
    if (version < 1 || version > MAX_STREAM_VERSION)
      throw new ValidationFailedError(
        'asOf',
        `asOf as a version must be a whole number from 1 to ${MAX_STREAM_VERSION}`,
      );
    return { version };
  }
  // A time needs its zone (Z or an offset), so the same request means the same instant on every host.
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/.exec(value);
  const time = new Date(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  // Date rolls 2020-02-30 over to March; refuse a calendar day that does not exist.
  const realDay =
    match && new Date(Date.UTC(year!, month! - 1, day!)).getUTCDate() === day && month! >= 1 && month! <= 12;
  if (!match || !realDay || Number.isNaN(time.getTime())) {
    throw new ValidationFailedError(
      'asOf',
      'asOf must be a stream version or an ISO 8601 time with its zone, such as 2020-03-01T12:00:00Z',
    );
  }
  return { time };
}
