import { kazakhstanCalendar } from '@app/domain-kernel';
import { ConfigError } from '@app/platform';
import type { PublicControlTerms } from '../domain/control-document.types';

export const PUBLIC_CONTROL_CONFIG = Symbol('PUBLIC_CONTROL_CONFIG');

export interface PublicControlConfig {
  /** The clock of the Law "On Public Control" art. 13, handed to the decider with each command that counts on it. */
  terms: PublicControlTerms;
  /** How often the overdue sweep runs; 0 turns the background sweep off (POST /ops/overdue-sweep still runs it). */
  overdueSweepMs: number;
}

/**
 * PUBLIC_CONTROL_SEND_WORKING_DAYS (default 7): working days after control ends to send the final document;
 * PUBLIC_CONTROL_REPLY_WORKING_DAYS (default 10): working days after it was sent for the reasoned replies;
 * PUBLIC_CONTROL_HEARING_NOTICE_WORKING_DAYS (default 3): working days a hearing is announced ahead — the article's
 * periods, changeable without code when the law changes; PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS (default 60). All are
 * counted on the one Kazakhstan working-day calendar. A bad value stops the service naming the variable.
 */
export function loadPublicControlConfig(env: NodeJS.ProcessEnv): PublicControlConfig {
  const read = (variable: string, fallback: string, min: number, max: number) => {
    const raw = env[variable] ?? fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError([{ variable, message: `${variable} must be a whole number from ${min} to ${max}` }]);
    }
    return Number(raw);
  };
  return {
    terms: {
      calendar: kazakhstanCalendar,
      sendWithinWorkingDays: read('PUBLIC_CONTROL_SEND_WORKING_DAYS', '7', 1, 365),
      replyWithinWorkingDays: read('PUBLIC_CONTROL_REPLY_WORKING_DAYS', '10', 1, 365),
      hearingNoticeWorkingDays: read('PUBLIC_CONTROL_HEARING_NOTICE_WORKING_DAYS', '3', 0, 365),
    },
    overdueSweepMs: read('PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS', '60', 0, 86_400) * 1000,
  };
}
