import { kazakhstanCalendar } from '@app/domain-kernel';
import { ConfigError } from '@app/platform';
import { loadPublicControlConfig } from './public-control.config';

describe('loadPublicControlConfig', () => {
  it("defaults to the article's 7 / 10 / 3 working days on the Kazakhstan calendar, swept every minute", () => {
    expect(loadPublicControlConfig({})).toEqual({
      terms: {
        calendar: kazakhstanCalendar,
        sendWithinWorkingDays: 7,
        replyWithinWorkingDays: 10,
        hearingNoticeWorkingDays: 3,
      },
      overdueSweepMs: 60_000,
    });
  });

  it('takes other periods from the environment', () => {
    const config = loadPublicControlConfig({
      PUBLIC_CONTROL_SEND_WORKING_DAYS: '5',
      PUBLIC_CONTROL_REPLY_WORKING_DAYS: '15',
      PUBLIC_CONTROL_HEARING_NOTICE_WORKING_DAYS: '0',
      PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS: '0',
    });
    expect(config.terms).toMatchObject({
      sendWithinWorkingDays: 5,
      replyWithinWorkingDays: 15,
      hearingNoticeWorkingDays: 0,
    });
    expect(config.overdueSweepMs).toBe(0);
  });

  it.each([
    ['PUBLIC_CONTROL_SEND_WORKING_DAYS', '0'],
    ['PUBLIC_CONTROL_SEND_WORKING_DAYS', 'seven'],
    ['PUBLIC_CONTROL_REPLY_WORKING_DAYS', '-1'],
    ['PUBLIC_CONTROL_HEARING_NOTICE_WORKING_DAYS', '2.5'],
    ['PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS', 'often'],
  ])('refuses %s=%s naming it', (variable, value) => {
    let thrown: unknown;
    try {
      loadPublicControlConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([expect.objectContaining({ variable })]);
  });
});
