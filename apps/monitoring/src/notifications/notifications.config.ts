import { ConfigError } from '@app/platform';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export interface NotificationsConfig {
  /** The SMTP server's URL (smtp:// or smtps://, credentials in it); null: e-mail is off. */
  smtpUrl: string | null;
  /** The From of every e-mail. */
  smtpFrom: string;
  /** How often the dispatcher fans notices out and sends what is due; 0 stops it. */
  pollMs: number;
  /** The first retry's delay; each later one doubles it, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts before a delivery is given up (status failed, its last error kept). */
  maxAttempts: number;
}

/**
 * SMTP_URL (unset: no e-mail), SMTP_FROM (default `Integrity Square <no-reply@integrity-square.local>`),
 * NOTIFICATIONS_POLL_MS (default 2000), NOTIFICATIONS_RETRY_BASE_MS (default 30000), NOTIFICATIONS_RETRY_MAX_MS
 * (default 3600000) and NOTIFICATIONS_MAX_ATTEMPTS (default 10). A bad value stops the service naming the variable.
 */
export function loadNotificationsConfig(env: NodeJS.ProcessEnv): NotificationsConfig {
  const problems: { variable: string; message: string }[] = [];
  const whole = (variable: string, fallback: number, min: number) => {
    const raw = env[variable] ?? String(fallback);
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      problems.push({ variable, message: `${variable} must be a whole number from ${min}` });
      return fallback;
    }
    return Number(raw);
  };
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !isSmtpUrl(smtpUrl)) {
    problems.push({ variable: 'SMTP_URL', message: 'SMTP_URL must be an smtp:// or smtps:// URL with a host' });
  }
  const smtpFrom = env.SMTP_FROM?.trim() || 'Integrity Square <no-reply@integrity-square.local>';
  if (!/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(smtpFrom)) {
    problems.push({ variable: 'SMTP_FROM', message: 'SMTP_FROM must be an address, or a name and <address>' });
  }
  const config = {
    smtpUrl,
    smtpFrom,
    pollMs: whole('NOTIFICATIONS_POLL_MS', 2000, 0),
    retryBaseMs: whole('NOTIFICATIONS_RETRY_BASE_MS', 30_000, 1),
    retryMaxMs: whole('NOTIFICATIONS_RETRY_MAX_MS', 3_600_000, 1),
    maxAttempts: whole('NOTIFICATIONS_MAX_ATTEMPTS', 10, 1),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The delay before the attempt after `attempts` failed ones: base, 2·base, 4·base, … capped at the maximum. */
export function retryDelayMs(config: Pick<NotificationsConfig, 'retryBaseMs' | 'retryMaxMs'>, attempts: number) {
  return Math.min(config.retryBaseMs * 2 ** Math.max(attempts - 1, 0), config.retryMaxMs);
}

/** The SMTP server as it may be logged: its host and port, never the credentials the URL may hold. */
export function smtpServerName(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
}
