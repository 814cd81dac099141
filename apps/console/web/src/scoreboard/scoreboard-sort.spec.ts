import { DEFAULT_SORT, nextSort, sortRows, type ScoreboardRow } from './scoreboard-sort';

const row = (name: string, reports: number, late: number): ScoreboardRow => ({
  name,
  reports,
  recommendations: reports * 2,
  answeredOnTime: reports * 2 - late,
  late,
  refused: 0,
  escalated: 0,
  perReport: {
    recommendations: 2,
    answeredOnTime: (reports * 2 - late) / reports,
    late: late / reports,
    refused: 0,
    escalated: 0,
  },
});

describe('the scoreboard order', () => {
  // Many reports and many late answers, but fewer per report than the small one.
  const big = row('Akimat', 10, 5);
  const small = row('Department', 1, 2);
  const prompt = row('Bureau', 3, 0);
  const names = (rows: ScoreboardRow[]) => rows.map((r) => r.name);

  it('puts the most late answers per report first, not the most late answers', () => {
    expect(names(sortRows([big, prompt, small], DEFAULT_SORT, 'en'))).toEqual(['Department', 'Akimat', 'Bureau']);
    expect(names(sortRows([big, prompt, small], { ...DEFAULT_SORT, perReport: false }, 'en'))).toEqual([
      'Akimat',
      'Department',
      'Bureau',
    ]);
  });

  it('breaks ties by the default order, then by name, whatever order the rows came in', () => {
    const [a, b] = [row('Bolashak', 1, 0), row('Aq Zhol', 1, 0)];
    const late = row('Zhana', 1, 1);
    expect(names(sortRows([a, late, b], { column: 'reports', perReport: false, descending: true }, 'en'))).toEqual([
      'Zhana',
      'Aq Zhol',
      'Bolashak',
    ]);
  });

  it('turns the order round on a second click, and starts a new column with the most', () => {
    const once = nextSort(DEFAULT_SORT, 'answeredOnTime', true);
    expect(once).toEqual({ column: 'answeredOnTime', perReport: true, descending: true });
    expect(nextSort(once, 'answeredOnTime', true).descending).toBe(false);
    expect(nextSort(once, 'answeredOnTime', false)).toEqual({
      column: 'answeredOnTime',
      perReport: false,
      descending: true,
    });
    expect(nextSort(once, 'name', false)).toEqual({ column: 'name', perReport: false, descending: false });
  });
});
