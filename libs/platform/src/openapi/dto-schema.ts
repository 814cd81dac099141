import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';

type Type = abstract new (...args: never[]) => unknown;
type Property = ApiPropertyOptions & Record<string, unknown>;
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const described = new WeakSet<Type>();

/**
 * Describes a request DTO for OpenAPI from its class-validator rules, the rules the ValidationPipe enforces: the
 * document states exactly what the service accepts, and no DTO carries a second, hand-kept description. Parents are
 * described first (a list query extends PageQueryDto); nested DTOs (@ValidateNested with @Type) follow. Idempotent:
 * the embedded runner documents four apps that share the libs' DTOs.
 */
export function describeDto(type: Type): void {
  if (described.has(type) || type === Object) return;
  described.add(type);
  const parent = Object.getPrototypeOf(type) as Type;
  if (typeof parent === 'function' && parent !== Function.prototype) describeDto(parent);
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((rule) => rule.target === type);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  for (const [name, propertyRules] of byProperty) {
    const nested = defaultMetadataStorage.findTypeMetadata(type, name)?.typeFunction() as Type | undefined;
    const property = propertyOf(propertyRules, nested);
    if (nested && isDto(nested)) describeDto(nested);
    ApiProperty(property)(type.prototype as object, name);
  }
}

/** Whether the class has validation rules of its own, so it is a DTO and not Number or Date. */
export function isDto(type: unknown): type is Type {
  return (
    typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0
  );
}

/** The rules whose schema is the same whatever their constraints; the others are read case by case below. */
const FIXED_RULES = new Map<string | undefined, Property>([
  ['isString', { type: 'string' }],
  ['isInt', { type: 'integer' }],
  ['isNumber', { type: 'number' }],
  ['isBoolean', { type: 'boolean' }],
  ['isLatitude', { type: 'number', minimum: -90, maximum: 90 }],
  ['isLongitude', { type: 'number', minimum: -180, maximum: 180 }],
  ['isUuid', { type: 'string', format: 'uuid' }],
  ['isEmail', { type: 'string', format: 'email' }],
  ['isUrl', { type: 'string', format: 'uri' }],
  // Wider than RFC 3339 (a date alone, a week date...), so no `format`: it would promise less than is accepted.
  ['isIso8601', { type: 'string', description: 'An ISO 8601 date or time.' }],
  ['isRfc3339DateTime', { type: 'string', format: 'date-time' }],
  ['isRfc3339Date', { type: 'string', format: 'date' }],
]);

/** The rules whose one constraint is a keyword's value (`@Min(1)`: minimum 1), of the item or of the array itself. */
const BOUNDS = new Map<string | undefined, { keyword: string; type?: string; ofArray?: boolean }>([
  ['min', { keyword: 'minimum' }],
  ['max', { keyword: 'maximum' }],
  ['minLength', { keyword: 'minLength', type: 'string' }],
  ['maxLength', { keyword: 'maxLength', type: 'string' }],
  ['arrayMinSize', { keyword: 'minItems', ofArray: true }],
  ['arrayMaxSize', { keyword: 'maxItems', ofArray: true }],
]);

function propertyOf(rules: ValidationMetadata[], nested: Type | undefined): Property {
  const optional = rules.some((r) => r.name === 'isOptional');
  const conditional = rules.some((r) => r.type === 'conditionalValidation' && r.name !== 'isOptional');
  const item: Property = {};
  const array = rules.some((r) => r.name === 'isArray' || r.each);
  const outer: Property = {};
  for (const rule of rules) {
    const [a, b] = rule.constraints ?? [];
    const target = rule.each ? item : outer;
    const fixed = FIXED_RULES.get(rule.name);
    if (fixed) {
      Object.assign(target, fixed);
      continue;
    }
    const bound = BOUNDS.get(rule.name);
    if (bound) {
      Object.assign(bound.ofArray ? outer : target, { ...(bound.type && { type: bound.type }), [bound.keyword]: a });
      continue;
    }
    switch (rule.name) {
      case 'isIn':
        target.enum = [...(a as unknown[])];
        target.type ??= typeof (a as unknown[])[0] === 'number' ? 'number' : 'string';
        break;
      case 'isLength':
        Object.assign(target, {
          type: 'string',
          minLength: a as number,
          ...(b !== undefined && { maxLength: b as number }),
        });
        break;
      case 'matches':
        Object.assign(target, { type: 'string', pattern: a instanceof RegExp ? a.source : String(a) });
        break;
      case 'isArray':
      case 'isObject':
      case 'isDefined':
      case 'isOptional':
      case undefined:
        break;
      default:
        // A rule the document cannot state would leave it promising more than the service accepts.
        if (rule.type === 'customValidation')
          throw new Error(
            `OpenAPI: no schema for the class-validator rule ${rule.name} (${String(rule.target instanceof Function ? rule.target.name : rule.target)}.${rule.propertyName})`,
          );
    }
  }
  if (nested && isDto(nested)) (array ? item : outer).type = nested;
  const required = !optional && !conditional;
  if (array) {
    const { type = 'string', ...itemRules } = item;
    return { ...outer, ...itemRules, required, type, isArray: true } as Property;
  }
  // A query's values arrive as text; @Type(() => Number) turns them into numbers, so an unmarked type is a string.
  return { type: 'string', ...outer, required };
}
