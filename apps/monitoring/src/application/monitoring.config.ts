import { ConfigError } from '@app/platform';
import type { RateLimitConfig } from '../http/report-rate-limit';

/**
 * REPORT_RATE_LIMIT_BURST (default 5) anonymous reports per client at once, refilled at REPORT_RATE_LIMIT_PER_MINUTE
 * (default 2); REPORT_RATE_LIMIT_CITIZEN_BURST (default 30) and REPORT_RATE_LIMIT_CITIZEN_PER_MINUTE (default 10) per
 * signed-in citizen, who may file a raid's worth at once. A bad value stops the service naming the variable.
 */
export function loadRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitConfig {
  const read = (variable: string, fallback: string) => {
    const raw = env[variable] ?? fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) {
      throw new ConfigError([{ variable, message: `${variable} must be a whole number from 1` }]);
    }
    return Number(raw);
  };
  return {
    anonymous: { burst: read('REPORT_RATE_LIMIT_BURST', '5'), perMinute: read('REPORT_RATE_LIMIT_PER_MINUTE', '2') },
    citizen: {
      burst: read('REPORT_RATE_LIMIT_CITIZEN_BURST', '30'),
      perMinute: read('REPORT_RATE_LIMIT_CITIZEN_PER_MINUTE', '10'),
    },
  };
}
