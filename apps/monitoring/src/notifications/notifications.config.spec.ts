import { ConfigError } from '@app/platform';
import { loadNotificationsConfig, retryDelayMs, smtpServerName } from './notifications.config';

describe('notifications configuration', () => {
  it('has e-mail off without SMTP_URL, and its defaults', () => {
    expect(loadNotificationsConfig({})).toEqual({
      smtpUrl: null,
      smtpFrom: 'Integrity Square <no-reply@integrity-square.local>',
      pollMs: 2000,
      retryBaseMs: 30_000,
      retryMaxMs: 3_600_000,
      maxAttempts: 10,
    });
  });

  it('takes an smtp:// or smtps:// server, and refuses anything else naming the variable', () => {
    expect(loadNotificationsConfig({ SMTP_URL: 'smtps://user:pw@mail.example:465' }).smtpUrl).toBe(
      'smtps://user:pw@mail.example:465',
    );
    for (const [variable, value] of [
      ['SMTP_URL', 'http://mail.example'],
      ['SMTP_URL', 'not a url'],
      ['SMTP_FROM', 'nobody'],
      ['NOTIFICATIONS_MAX_ATTEMPTS', '0'],
      ['NOTIFICATIONS_RETRY_BASE_MS', '1.5'],
      ['NOTIFICATIONS_POLL_MS', '-1'],
    ]) {
      expect(() => loadNotificationsConfig({ [variable]: value })).toThrow(ConfigError);
      expect(() => loadNotificationsConfig({ [variable]: value })).toThrow(new RegExp(variable));
    }
  });

  it('backs off exponentially up to the maximum', () => {
    const config = { retryBaseMs: 1000, retryMaxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(config, attempts))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('names the server without its credentials', () => {
    expect(smtpServerName('smtp://user:secret@mail.example:2525')).toBe('smtp://mail.example:2525');
  });
});
