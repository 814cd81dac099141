import { applyDecorators, HttpCode } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import type { Role } from '../auth/roles';

/**
 * A command route's access and answer in one: the roles that may send it and the status it answers. The status is
 * stated on every route, never left to a default: Nest answers a POST with 201 unless told otherwise, and each route
 * keeps the status its clients already know (most 200; 201 where a POST records a new part of a record, such as a
 * defect, a hearing, a contract payment). The verb and path stay beside it as @Post(...): the OpenAPI generator finds
 * the route handlers by them.
 */
export const CommandRoute = (roles: Role | readonly Role[], status: 200 | 201) =>
  applyDecorators(Roles(...[roles].flat()), HttpCode(status));
