import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * An optional whole number from the query string (`?limit=20` arrives as text), held to [min, max]; `tooLarge`
 * words the 400 above max where the default message would not say what the bound is for.
 */
export const OptionalQueryInt = (min: number, max: number, tooLarge?: string) =>
  // Bottom first, as stacked decorators register: the validation messages keep the order they had when stacked.
  applyDecorators(
    tooLarge === undefined ? Max(max) : Max(max, { message: tooLarge }),
    Min(min),
    IsInt(),
    Type(() => Number),
    IsOptional(),
  );
