import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ContractViolationError extends Error {
  constructor(readonly contract: string, readonly problems: string[]) {
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
    throw new ContractViolationError(
      contract.name,
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`),
    );
  }
  return instance;
}
