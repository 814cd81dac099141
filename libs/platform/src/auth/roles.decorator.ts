import { SetMetadata } from '@nestjs/common';
import { Role } from './roles';

export const ROLES_KEY = 'integrity-square:roles';
export const PUBLIC_KEY = 'integrity-square:public';

/** Roles allowed on a route. Routes with neither @Roles nor @Public are refused (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Opens a route to callers without a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
