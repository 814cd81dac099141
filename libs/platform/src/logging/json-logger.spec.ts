import { JsonLogger } from './json-logger';
import { requestContext } from './request-context';
import type { LogLevel } from '../config/environment.variables';

function collecting(level: LogLevel = 'info') {
  const lines: string[] = [];
  const logger = new JsonLogger('budgets', level, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, service, context and msg', () => {
    const { logger, lines, entries } = collecting();
    logger.log('started', 'Bootstrap');
    logger.warn('slow', 'Db');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain('\n');
    const [first, second] = entries();
    expect(first).toMatchObject({ level: 'info', service: 'budgets', context: 'Bootstrap', msg: 'started' });
    expect(second).toMatchObject({ level: 'warn', service: 'budgets', context: 'Db', msg: 'slow' });
    expect(new Date(first.time as string).toISOString()).toBe(first.time);
    expect(Math.abs(Date.parse(first.time as string) - Date.now())).toBeLessThan(5_000);
  });

  it('drops levels below the configured one', () => {
    const { logger, entries } = collecting('warn');
    logger.debug('d');
    logger.verbose('v');
    logger.log('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(entries().map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
      ['error', 'f'],
    ]);
  });

  it('writes debug lines at level debug and only errors at level error', () => {
    const debug = collecting('debug');
    debug.logger.debug('d', 'Ctx');
    expect(debug.entries()).toMatchObject([{ level: 'debug', msg: 'd', context: 'Ctx' }]);

    const error = collecting('error');
    error.logger.warn('w');
    error.logger.log('i');
    error.logger.error('e');
    expect(error.entries().map((e) => e.msg)).toEqual(['e']);
  });

  it('defaults to info', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('svc', undefined, (line) => lines.push(line));
    logger.debug('hidden');
    logger.log('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });

  it('gives msg and stack for an Error message', () => {
    const { logger, entries } = collecting();
    const failure = new Error('boom');
    logger.error(failure, 'Worker');
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'boom', stack: failure.stack, context: 'Worker' });
    expect(entries()[0].stack).toContain('Error: boom');
  });

  it('takes the stack Nest passes before the context for errors', () => {
    const { logger, entries } = collecting();
    logger.error('failed', 'STACK LINE', 'ExceptionsHandler');
    expect(entries()[0]).toMatchObject({ msg: 'failed', stack: 'STACK LINE', context: 'ExceptionsHandler' });
  });

  it('serialises a non-string message as JSON', () => {
    const { logger, entries } = collecting();
    logger.log({ a: 1 });
    expect(entries()[0].msg).toBe('{"a":1}');
  });

  it('adds structured fields through info()', () => {
    const { logger, entries } = collecting();
    logger.info('consumed', { event: 'BudgetOpened', partition: 3 }, 'Consumer');
    expect(entries()[0]).toMatchObject({
      level: 'info',
      msg: 'consumed',
      context: 'Consumer',
      event: 'BudgetOpened',
      partition: 3,
    });
  });

  it('carries the correlation id of the current request context', async () => {
    const { logger, entries } = collecting();
    logger.log('outside');
    await requestContext.run({ correlationId: 'c1', requestId: 'r1' }, async () => {
      logger.log('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.warn('inside after await');
    });
    logger.log('outside again');
    expect(entries().map((e) => [e.msg, e.correlationId])).toEqual([
      ['outside', undefined],
      ['inside', 'c1'],
      ['inside after await', 'c1'],
      ['outside again', undefined],
    ]);
  });
});
