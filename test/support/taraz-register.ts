/** This year in Almaty: the fiscal year a programme filed today belongs to. */
export const ALMATY_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric' }).format(new Date()),
);

/** Creates through budgets (path as budgets names it, body) and answers the created resource. */
type Create = (path: string, body: unknown) => Promise<{ id: string }>;

/**
 * The register the cross-service stories stand on, this year: the akimat of Taraz (BIN `akimat`), its street repair
 * programme and, unless `revenueLine` is false, its line for fine revenue.
 */
export async function tarazRegister(
  create: Create,
  akimat: string,
  { revenueLine = true } = {},
): Promise<{ roadsProgramme: string; revenueLine: string }> {
  await create('/institutions', { bin: akimat, name: 'Akimat of Taraz', district: 'Taraz', kind: 'akimat' });
  const programme = (code: string, name: string, purpose: string, allocationTiyn: number) =>
    create('/programmes', { institutionBin: akimat, fiscalYear: ALMATY_YEAR, code, name, purpose, allocationTiyn });
  const roads = await programme('451-015', 'Street repair and maintenance', 'road_maintenance', 500_000_000);
  const revenue = revenueLine
    ? await programme('204-101', 'Administrative fines', 'fine_revenue', 10_000_000)
    : undefined;
  return { roadsProgramme: roads.id, revenueLine: revenue?.id ?? '' };
}
