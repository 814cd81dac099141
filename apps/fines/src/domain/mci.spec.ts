import { MCI_PURPOSES, MCI_TABLE, mciKnownFor, mciOn, mciPeriods, mciSeries, mciUnverified } from './mci';

describe('the MCI table, by purpose', () => {
  it('applies the MCI of 1 January 2022 to penalties all year, and 3,180 to benefits from June', () => {
    const july = new Date('2022-07-15T12:00:00+06:00');
    expect(mciOn(july, 'penalties')).toEqual({
      effectiveFrom: '2022-01-01',
      tenge: 3_063,
      tiyn: 306_300,
      unverified: false,
    });
    expect(mciOn(july, 'benefits')).toEqual({
      effectiveFrom: '2022-06-01',
      tenge: 3_180,
      tiyn: 318_000,
      unverified: false,
    });
    expect(mciOn(july)).toEqual(mciOn(july, 'penalties')); // fines' default
    expect(mciOn(new Date('2022-12-31T23:30:00+06:00'))?.tenge).toBe(3_063);
    expect(mciOn(new Date('2023-01-01T00:30:00+06:00'))?.tenge).toBe(3_450);
  });

  it('keeps the years 2020-2026 for both purposes, each value with its source, one value per date', () => {
    for (const purpose of MCI_PURPOSES) {
      const series = mciSeries(purpose);
      expect(series[0].effectiveFrom).toBe('2020-01-01');
      expect(series.at(-1)).toMatchObject({ effectiveFrom: '2026-01-01', tenge: 4_325 });
      expect(new Set(series.map((r) => r.effectiveFrom)).size).toBe(series.length);
    }
    expect(MCI_TABLE.every((row) => /republican budget for \d{4}-\d{4}/.test(row.source))).toBe(true);
  });

  it('gives each value of a series the date the next one takes over', () => {
    const periods = mciPeriods('penalties');
    expect(periods.find((p) => p.effectiveFrom === '2022-01-01')).toEqual({
      effectiveFrom: '2022-01-01',
      until: '2023-01-01',
      tenge: 3_063,
      tiyn: 306_300,
    });
    expect(periods.at(-1)?.until).toBeNull();
  });

  it('has nothing before the table starts', () => {
    expect(mciOn(new Date('2019-12-31T12:00:00+06:00'))).toBeUndefined();
  });
});

describe('a year the MCI table has no value for', () => {
  const lastYear = Number(mciSeries('penalties').at(-1)!.effectiveFrom.slice(0, 4));

  it('prices an offence of that year at the last value, flagged unverified, never silently', () => {
    const newYearsDay = new Date(`${lastYear + 1}-01-01T00:30:00+05:00`);
    expect(mciKnownFor(lastYear + 1)).toBe(false);
    expect(mciOn(newYearsDay)).toEqual({ ...mciOn(new Date(`${lastYear}-12-31T12:00:00+05:00`)), unverified: true });
  });

  it('flags none of the years the table holds', () => {
    for (let year = 2020; year <= lastYear; year++) {
      expect(mciKnownFor(year)).toBe(true);
      expect(mciOn(new Date(`${year}-06-15T12:00:00+05:00`))?.unverified).toBe(false);
    }
  });

  it('tells from a stored fine whether its MCI was of an earlier year than its offence (Asia/Almaty dates)', () => {
    expect(mciUnverified('2027-01-05T06:00:00.000Z', '2026-01-01')).toBe(true);
    expect(mciUnverified('2026-12-31T19:30:00.000Z', '2026-01-01')).toBe(true); // 00:30 on 1 January in Almaty (UTC+5)
    expect(mciUnverified('2026-12-31T18:30:00.000Z', '2026-01-01')).toBe(false);
    expect(mciUnverified('2022-07-15T06:00:00.000Z', '2022-01-01')).toBe(false);
  });
});
