import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import type { Role } from '../auth/roles';

/**
 * A command route in one line: POST to `path` (under the controller's), the roles that may send it and the status it
 * answers. The status is stated on every route, never left to a default: Nest answers a POST with 201 unless told
 * otherwise, and each route keeps the status its clients already know (most 200; 201 where a POST records a new part
 * of a record, such as a defect, a hearing, a contract payment). The OpenAPI generator takes a method with this
 * decorator for a route handler, as one with @Post (scripts/openapi/route-response-schemas.ts).
 */
export const CommandRoute = (roles: Role | readonly Role[], status: 200 | 201, path: string) =>
  applyDecorators(Post(path), Roles(...[roles].flat()), HttpCode(status));
