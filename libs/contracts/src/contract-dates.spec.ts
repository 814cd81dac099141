import 'reflect-metadata';
import { CaseOpenedV1 } from './road-cases/road-case.contracts';
import { validateContract } from './validate-contract';

// A forged or broken producer's dates: what class-validator's IsISO8601 let through and `new Date` cannot read.
const caseOpened = (openedAt: string) => ({
  caseId: 'case-1',
  location: { lat: 42.9, lon: 71.37 },
  district: 'Taraz',
  address: 'Tole bi 1',
  defectType: 'pothole',
  source: 'inspector',
  reportIds: [],
  raidId: null,
  openedAt,
});

describe('contract dates are RFC 3339', () => {
  it.each([
    '2020-W01-1',
    '2020-123',
    '2020-03-01T12:00:00',
    '2020-02-30T00:00:00Z',
    '20200301T120000Z',
    '3000-01-01T00:00:00Z',
  ])('refuses %s, naming the field', (value) => {
    expect(() => validateContract(CaseOpenedV1, caseOpened(value))).toThrow(/openedAt/);
  });

  it('takes a date-time with its zone, and a full-date where the field is a day', () => {
    expect(validateContract(CaseOpenedV1, caseOpened('2020-03-01T12:00:00.123+05:00')).openedAt).toBe(
      '2020-03-01T12:00:00.123+05:00',
    );
    expect(validateContract(CaseOpenedV1, caseOpened('2020-03-01')).openedAt).toBe('2020-03-01');
  });
});
