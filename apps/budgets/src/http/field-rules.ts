import { MAX_TIYN } from '@app/platform';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The rules the register's DTOs repeat, each message naming the property it guards. The rules are applied last to
 * first, as stacked decorators are, so a 400 lists its reasons in the order it always did.
 */
const rules =
  (...decorators: ((field: string) => PropertyDecorator)[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(String(key))(target, key);
  };

/** A whole number of tiyn, up to 2^53 - 1: positive (`min` 1, an amount paid) or not negative (0, an allocation). */
export const Tiyn = (min: 0 | 1) =>
  rules(
    (field) => IsInt({ message: `${field} must be a whole number of tiyn` }),
    (field) => Min(min, { message: min === 1 ? `${field} must be positive` : `${field} must not be negative` }),
    (field) => Max(MAX_TIYN, { message: `${field} must be at most ${MAX_TIYN} tiyn (2^53 - 1)` }),
  );

/** A fiscal year, 2000 to 2100. */
export const FiscalYear = () =>
  rules(
    (field) => IsInt({ message: `${field} must be a year` }),
    (field) => Min(2000, { message: `${field} must be a year from 2000` }),
    (field) => Max(2100, { message: `${field} must be a year up to 2100` }),
  );
