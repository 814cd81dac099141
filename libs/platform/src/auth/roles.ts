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
}

export const BIN_PATTERN = /^\d{12}$/;
