import { answer, api } from '../api';

const PAGE = 200;
/** Enough for the register of a region; past it a row shows its BIN alone rather than the page asking on and on. */
const MAX_PAGES = 5;

/**
 * The names the budget register gives the BINs the scoreboard lists. Monitoring counts by BIN only (a final
 * document names its institution by BIN), so the name comes from the register, page by page of the whole list
 * rather than one request per BIN: every visitor's requests count against the console's address, which a page
 * asking once per institution would soon spend. A BIN the register does not hold keeps no name.
 */
export async function institutionNames(bins: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(bins);
  const names = new Map<string, string>();
  for (let page = 1; page <= MAX_PAGES && names.size < wanted.size; page++) {
    const { data } = await answer(api.budgets.GET('/institutions', { params: { query: { page, limit: PAGE } } }));
    for (const institution of data.items) if (wanted.has(institution.bin)) names.set(institution.bin, institution.name);
    if (page * PAGE >= data.total) break;
  }
  return names;
}
