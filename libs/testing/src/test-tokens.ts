import { issueDevToken, type Role } from '@app/platform';
import { testEnv } from './test-environment';

export function testToken(role: Role, sub = `test-${role}`, bin?: string): string {
  return issueDevToken(testEnv('jwtSecret'), { sub, role, bin: bin ?? (role === 'contractor' ? '123456789012' : undefined) });
}

export function bearer(role: Role, sub?: string, bin?: string): Record<string, string> {
  return { authorization: `Bearer ${testToken(role, sub, bin)}` };
}
