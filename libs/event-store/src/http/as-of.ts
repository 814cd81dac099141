import { ValidationFailedError } from '@app/platform';
import type { AsOf } from '../store/aggregate-loader';

/** ?asOf= is a stream version (a positive integer) or an ISO 8601 time; anything else is a 400 naming it. */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) {
    const version = Number(value);
    if (version < 1) throw new ValidationFailedError('asOf', 'asOf as a version must be 1 or more');
    return { version };
  }
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(time.getTime())) {
    throw new ValidationFailedError('asOf', 'asOf must be a stream version or an ISO 8601 time such as 2020-03-01T12:00:00Z');
  }
  return { time };
}
