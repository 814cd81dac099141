import { DEV_TOKEN_ISSUER, issueDevToken, type JwtSettings, type Role } from '@app/platform';
import { testEnv } from './test-environment';

/** A development token for all four services (iss integrity-square-dev, 12 h), signed with the suite's secret. */
export function testToken(role: Role, sub = `test-${role}`, bin?: string): string {
  return issueDevToken(testEnv('jwtSecret'), {
    sub,
    role,
    bin: bin ?? (role === 'contractor' ? '123456789012' : undefined),
  });
}

export function bearer(role: Role, sub?: string, bin?: string): Record<string, string> {
  return { authorization: `Bearer ${testToken(role, sub, bin)}` };
}

/** What loadServiceConfig makes of the suite's JWT_SECRET for a service started in the test process. */
export function testJwtSettings(serviceName: string): JwtSettings {
  return {
    secret: testEnv('jwtSecret'),
    issuer: DEV_TOKEN_ISSUER,
    audience: serviceName,
    maxLifetimeSeconds: 12 * 3600,
  };
}
