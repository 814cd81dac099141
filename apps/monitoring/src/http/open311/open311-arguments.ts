import { ValidationFailedError } from '@app/domain-kernel';

/**
 * An argument guards read before validation (jurisdiction_id, api_key), from the query or the form. The spec's
 * "Optional Arguments" rule: a parameter passed empty is one not passed. Given twice, or as anything but text, it
 * is a 400 naming it.
 */
export function optionalArgument(source: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = source?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationFailedError(name, `${name} must be given once, as text`);
  return value;
}
