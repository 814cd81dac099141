import { createPublicKey } from 'node:crypto';
import { algorithmOfKey } from '../auth/asymmetric-key';
import { DEFAULT_MAX_TOKEN_LIFETIME, DEV_TOKEN_ISSUER, durationSeconds } from '../auth/token-issuer';
import type { EnvironmentVariables } from './environment.variables';
import type { JwtSettings } from './service-config';

type Problem = { variable: string; message: string };

/**
 * The token settings from the validated JWT_* variables, and what is wrong with them. With NODE_ENV=production only
 * asymmetric keys are taken (a shared HS256 secret lets every holder mint tokens) and the issuer must be named.
 */
export function readJwtSettings(
  vars: EnvironmentVariables,
  serviceName: string,
  production: boolean,
): { settings: JwtSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const publicKey = vars.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n');
  if (production && vars.JWT_SECRET) {
    problems.push({
      variable: 'JWT_SECRET',
      message:
        "JWT_SECRET is refused with NODE_ENV=production: HS256 lets whoever holds the secret mint tokens; give the identity provider's JWT_PUBLIC_KEY (RS256/ES256 PEM) or JWT_JWKS_URL",
    });
  }
  if (!publicKey && !vars.JWT_JWKS_URL && (production || !vars.JWT_SECRET)) {
    problems.push(
      production
        ? {
            variable: 'JWT_PUBLIC_KEY',
            message:
              'JWT_PUBLIC_KEY (RS256/ES256 PEM) or JWT_JWKS_URL is required in production to check bearer tokens',
          }
        : {
            variable: 'JWT_SECRET',
            message: 'JWT_SECRET (or JWT_PUBLIC_KEY, or JWT_JWKS_URL) is required to check bearer tokens',
          },
    );
  }
  // Not PEM at all is already named by the validator; a PEM that is not a usable key is named here.
  if (publicKey?.includes('-----BEGIN PUBLIC KEY-----')) {
    try {
      const checked = algorithmOfKey(createPublicKey(publicKey));
      if ('problem' in checked)
        problems.push({ variable: 'JWT_PUBLIC_KEY', message: `JWT_PUBLIC_KEY ${checked.problem}` });
    } catch (error) {
      problems.push({
        variable: 'JWT_PUBLIC_KEY',
        message: `JWT_PUBLIC_KEY is not a readable PEM public key: ${(error as Error).message}`,
      });
    }
  }
  if (production && !vars.JWT_ISSUER) {
    problems.push({
      variable: 'JWT_ISSUER',
      message:
        'JWT_ISSUER is required in production: the iss of the identity provider whose tokens this service accepts',
    });
  }
  return {
    settings: {
      secret: production ? undefined : vars.JWT_SECRET,
      publicKey,
      jwksUrl: vars.JWT_JWKS_URL,
      issuer: vars.JWT_ISSUER ?? DEV_TOKEN_ISSUER,
      audience: vars.JWT_AUDIENCE ?? serviceName,
      maxLifetimeSeconds: durationSeconds(vars.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME),
    },
    problems,
  };
}
