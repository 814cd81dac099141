import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsOptional, IsUrl } from 'class-validator';

/**
 * An optional list of at most `max` links to evidence kept elsewhere (a report's photos, a reply's documents): each
 * an http(s) URL with its protocol, else a 400 with `message`. The rules are applied in the order stacked decorators
 * would register them (the lowest first), so the errors and the OpenAPI schema come out as they did when each DTO
 * stacked them itself.
 */
export const OptionalHttpUrlList = (max: number, message: string) =>
  applyDecorators(
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message }),
    ArrayMaxSize(max),
    IsArray(),
    IsOptional(),
  );
