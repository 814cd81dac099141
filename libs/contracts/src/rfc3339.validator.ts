import { ValidateBy, type ValidationOptions } from 'class-validator';

// RFC 3339 §5.6 date-time: full-date "T" full-time, the zone required ("Z" or ±hh:mm). ISO 8601 allows much more
// (week dates, ordinal dates, no zone) that `new Date` cannot parse or reads in the host's zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

// RFC 3339 §5.6 full-date alone: a calendar day, as `YYYY-MM-DD`.
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The years any date the services take may fall in: as wide as their year parameters, and within int4 and `Date`. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function isRealDay(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day
  );
}

/** Whether `value` is an RFC 3339 date-time naming a real instant (no 30 February, no 25:00) in MIN_YEAR..MAX_YEAR. */
export function isRfc3339DateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  return (
    isRealDay(year, month, day) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    !Number.isNaN(new Date(value).getTime())
  );
}

/** Whether `value` is an RFC 3339 full-date, a real calendar day in MIN_YEAR..MAX_YEAR. */
export function isRfc3339Date(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = FULL_DATE.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** class-validator: an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00. */
export const IsRfc3339DateTime = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isRfc3339DateTime', validator: { validate: (value) => isRfc3339DateTime(value) } }, options);

/** class-validator: an RFC 3339 full-date, e.g. 2020-03-01. */
export const IsRfc3339Date = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isRfc3339Date', validator: { validate: (value) => isRfc3339Date(value) } }, options);

/**
 * class-validator for the contracts' dates: an RFC 3339 date-time with its zone or an RFC 3339 full-date, as each
 * contract field documents. What class-validator's IsISO8601 also lets through (week and ordinal dates, times
 * without a zone) is refused: `new Date` cannot read the first and reads the second in the consumer's own zone.
 */
export const IsRfc3339DateOrDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isRfc3339DateOrDateTime',
      validator: {
        validate: (value) => isRfc3339DateTime(value) || isRfc3339Date(value),
        defaultMessage: (args) => `${args?.property} must be an RFC 3339 date-time with its zone, or a full-date`,
      },
    },
    options,
  );
