import { addMonths } from './calendar-months';

describe('warranty months', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2020-03-31', 1)).toBe('2020-04-30');
  });

  it('keeps the day when the target month has it, and crosses years', () => {
    expect(addMonths('2020-01-15', 24)).toBe('2022-01-15');
    expect(addMonths('2020-11-30', 3)).toBe('2021-02-28');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2020-05-10', 0)).toBe('2020-05-10');
  });
});
