import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested, type ValidationOptions } from 'class-validator';

/**
 * One nested object in a body, validated as its DTO. @ValidateNested alone takes an array too (it validates each
 * element, and none in `[]`), so a handler would read `location.lat` from a list: IsObject refuses anything else.
 */
export const NestedObject = (type: () => new () => object, options?: ValidationOptions) =>
  applyDecorators(IsObject(options), ValidateNested(), Type(type));
