import { useAddressFilters } from './use-address-filters';
import { useRead } from './use-read';

/** How many rows a page of a list holds: what every list the console reads asks its service for. */
export const LIST_LIMIT = 50;

/** A page of a list, as the services' queries take it. */
export interface Paging {
  page: number;
  limit: number;
}

/**
 * A list the service pages, its filters in the address (`useAddressFilters`, whose names and `adjust` it takes):
 * `load` reads the page the address asks for, again whenever the address changes; `pager` is what its pager needs.
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
  const list = useRead(() => load(filters.applied, paging), [filters.search]);
  return { ...filters, list, pager: { ...paging, onPage: filters.onPage } };
}
