import { statusGuard } from './status-guard';

class IllegalLampStepError extends Error {
  constructor(
    readonly command: string,
    readonly status: 'off' | 'on' | 'broken',
  ) {
    super(`${command} is not allowed while the lamp is ${status}`);
  }
}

describe('statusGuard', () => {
  const requireStatus = statusGuard(IllegalLampStepError);

  it('lets a command through in an allowed status', () => {
    expect(() => requireStatus({ type: 'SwitchOn' }, { status: 'off' }, 'off', 'broken')).not.toThrow();
  });

  it('refuses it in any other status, with the error naming the command and the status', () => {
    expect(() => requireStatus({ type: 'SwitchOn' }, { status: 'on' }, 'off')).toThrow(
      new IllegalLampStepError('SwitchOn', 'on'),
    );
  });
});
