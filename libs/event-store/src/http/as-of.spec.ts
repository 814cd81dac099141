import 'reflect-metadata';
import { ValidationFailedError } from '@app/domain-kernel';
import { thrownBy } from '@app/domain-kernel/testing';
import { parseAsOf } from './as-of';

describe('parseAsOf', () => {
  it.each([undefined, ''])('gives undefined when absent (%p)', (value) => {
    expect(parseAsOf(value)).toBeUndefined();
  });

  it('reads a positive integer as a stream version', () => {
    expect(parseAsOf('5')).toEqual({ version: 5 });
    expect(parseAsOf('1')).toEqual({ version: 1 });
  });

  it('rejects version 0 naming asOf', () => {
    const error = thrownBy(() => parseAsOf('0'));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({ field: 'asOf', details: { field: 'asOf' } });
    expect((error as Error).message).toMatch(/asOf/);
  });

  it.each([
    ['2020-03-01T12:00:00Z', '2020-03-01T12:00:00.000Z'],
    ['2020-03-01', '2020-03-01T00:00:00.000Z'],
    ['2020-03-01T12:00:00+06:00', '2020-03-01T06:00:00.000Z'],
    ['2020-03-01T12:00:00.250Z', '2020-03-01T12:00:00.250Z'],
  ])('reads %p as the instant %p', (value, iso) => {
    const result = parseAsOf(value);
    expect(result).toEqual({ time: expect.any(Date) });
    expect((result as { time: Date }).time.toISOString()).toBe(iso);
  });

  it.each(['yesterday', '2020-13-45', '-1', '1.5', '2020-03-01T12:00:00Zjunk'])('rejects %p naming asOf', (value) => {
    const error = thrownBy(() => parseAsOf(value));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({ field: 'asOf', code: 'validation_failed' });
  });
});
