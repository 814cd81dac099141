import { createHash } from 'node:crypto';
import type { PersonalDataSettings } from '@app/platform';

/** The tests' personal-data HMAC key (a test key, never used outside the tests), the same for every service. */
export function testPersonalDataSecret(): string {
  return createHash('sha256').update('integrity-square test personal-data key').digest('base64');
}

export const TEST_PERSONAL_DATA_KEY_ID = 'test1';

/** PERSONAL_DATA_* for a service the tests start in their own process. */
export function testPersonalDataSettings(): PersonalDataSettings {
  return {
    keyId: TEST_PERSONAL_DATA_KEY_ID,
    secret: testPersonalDataSecret(),
    previous: [],
    readerRoles: ['official', 'moderator'],
  };
}
