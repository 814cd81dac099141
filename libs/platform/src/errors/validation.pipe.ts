import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '@app/domain-kernel';

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator on every body and query: unknown fields refused, each bad field named in the 400. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const first = fields[0] ?? { field: 'body', problems: ['is invalid'] };
      return new ValidationFailedError(first.field, fields.map((f) => f.problems.join(', ')).join('; '), { fields });
    },
  });
}
