import { applyDecorators, HttpCode } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import type { Role } from '../auth/roles';

/**
 * A command route's access and answer in one: the roles that may send it and the status it answers, 200 for a
 * command on a stream that exists, 201 where it records a new part of it (a defect, a hearing). The verb and path
 * stay beside it as @Post(...): the OpenAPI generator finds the route handlers by them.
 */
export const CommandRoute = (roles: Role | readonly Role[], status: 200 | 201 = 200) =>
  applyDecorators(Roles(...[roles].flat()), HttpCode(status));
