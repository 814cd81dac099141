import { useAddressFilters } from './use-address-filters';
import { useRead } from './use-read';

/** How many rows a page of a list holds: what every list the console reads asks its service for. */
export const LIST_LIMIT = 50;

/** A page of a list, as the services' queries take it. */
export interface Paging {
  page: number;
  limit: number;
}

/** The filters that have a value, as a service's query takes them: one left empty filters nothing. */
export const givenFilters = <N extends string>(applied: Record<N, string>) =>
  Object.fromEntries(Object.entries(applied).filter(([, value]) => value)) as Partial<Record<N, string>>;

/**
 * A list the service pages, its filters in the address (`useAddressFilters`, whose names and `adjust` it takes):
 * `load` reads the page the address asks for, again whenever the address changes; `list` is that read, with which
 * page it is and the way to another (what `ResultsTable` shows).
 */
export function useAddressList<N extends string, T>(
  path: string,
  prefix: string,
  names: readonly N[],
  load: (applied: Record<N, string>, paging: Paging) => Promise<T>,
  adjust?: (change: Partial<Record<N, string>>) => Partial<Record<N, string>>,
) {
  const filters = useAddressFilters(path, prefix, names, adjust);
  const paging: Paging = { page: filters.page, limit: LIST_LIMIT };
  const read = useRead(() => load(filters.applied, paging), [filters.search]);
  return { ...filters, list: { ...read, ...paging, onPage: filters.onPage } };
}
