import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ContractViolationError extends Error {
  constructor(
    readonly contract: string,
    readonly problems: string[],
  ) {
    super(`${contract} is invalid: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

/** Runtime check of a message payload against its contract class; consumers call it on every message. */
export function validateContract<T extends object>(contract: new () => T, payload: unknown): T {
  if (typeof payload !== 'object' || payload === null) {
    throw new ContractViolationError(contract.name, ['payload is not an object']);
  }
  const instance = plainToInstance(contract, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ContractViolationError(contract.name, describeErrors(errors));
  }
  return instance;
}

/** One line per failed constraint, nested properties by their path (location.lat: lat must be a number). */
function describeErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {});
    const nested = describeErrors(e.children ?? [], `${path}.`);
    return own.length > 0 || nested.length === 0 ? [`${path}: ${own.join(', ') || 'is invalid'}`, ...nested] : nested;
  });
}
