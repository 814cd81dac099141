export const ROLES = ['citizen', 'moderator', 'inspector', 'official', 'contractor', 'auditor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who acts: taken from a verified token, passed into commands as the actor. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** A contractor's business identification number (12 digits). */
  bin?: string;
  /**
   * The role that authorised this call: of the route's @Roles, the first the caller holds (set by AuthGuard).
   * Audit metadata records this one, not whichever role the token happens to list first.
   */
  actingRole?: Role;
}

export const BIN_PATTERN = /^\d{12}$/;
