import { isRole, type Role } from '../auth/roles';
import type { EnvironmentVariables } from './environment.variables';
import type { PersonalDataSettings } from './service-config';

/**
 * The development stand-in for PERSONAL_DATA_SECRET, so the embedded default and a laptop's services digest alike.
 * It is committed, so it protects nothing: a production service refuses to start without its own key.
 */
export const DEVELOPMENT_PERSONAL_DATA_SECRET =
  'ZGV2ZWxvcG1lbnQgb25seTogcGVyc29uYWwgZGF0YSBrZXkgb2YgaW50ZWdyaXR5IHNxdWFyZQ';

const DEFAULT_KEY_ID = 'pd1';
const DEFAULT_READER_ROLES: Role[] = ['official', 'moderator'];

/** PERSONAL_DATA_* as settings, with what is wrong with them (a missing key in production, an unknown role). */
export function readPersonalDataSettings(
  vars: EnvironmentVariables,
  production: boolean,
): { settings: PersonalDataSettings; problems: { variable: string; message: string }[] } {
  const problems: { variable: string; message: string }[] = [];
  if (!vars.PERSONAL_DATA_SECRET && production) {
    problems.push({
      variable: 'PERSONAL_DATA_SECRET',
      message:
        'PERSONAL_DATA_SECRET is required in production: the HMAC key IINs and citizens are digested under, the same in every service (npm run keys:generate)',
    });
  }
  const keyId = vars.PERSONAL_DATA_KEY_ID ?? DEFAULT_KEY_ID;
  const previous = (vars.PERSONAL_DATA_PREVIOUS_SECRETS ?? '')
    .split(',')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const at = entry.indexOf('=');
      return { keyId: entry.slice(0, at), secret: entry.slice(at + 1) };
    });
  if (previous.some((p) => p.keyId === keyId)) {
    problems.push({
      variable: 'PERSONAL_DATA_PREVIOUS_SECRETS',
      message: `PERSONAL_DATA_PREVIOUS_SECRETS names key ${keyId}, the current PERSONAL_DATA_KEY_ID: a rotated key needs a new id`,
    });
  }
  const roles = vars.PERSONAL_DATA_ROLES ? vars.PERSONAL_DATA_ROLES.split(',') : DEFAULT_READER_ROLES;
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    problems.push({
      variable: 'PERSONAL_DATA_ROLES',
      message: `PERSONAL_DATA_ROLES names unknown roles: ${unknown.join(', ')}`,
    });
  }
  return {
    settings: {
      keyId,
      secret: vars.PERSONAL_DATA_SECRET ?? DEVELOPMENT_PERSONAL_DATA_SECRET,
      previous,
      readerRoles: roles.filter(isRole),
    },
    problems,
  };
}
