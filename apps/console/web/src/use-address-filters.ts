import { useEffect, useState } from 'preact/hooks';
import { draftBinder } from './components/field.component';
import { navigate, pageOf, useLocation, withQuery } from './router';
import { focusFirstError } from './use-draft-form';

/** What is wrong with a filter's value (trimmed, never empty), or false when nothing is. */
export type FilterCheck = (value: string) => string | false;

/**
 * A list's filters, which live in its address (`?district=…&page=2`), so going back to the list finds it as it was
 * left: the filters applied (the list shown) and its page, the form's draft of the next ones with their errors, the
 * draft's fields bound (ids `<prefix>-<name>`), `go` to a page of some filters and `onPage` to another page of these.
 * `adjust` may widen a change before the draft takes it (a field that empties another).
 */
export function useAddressFilters<N extends string>(
  path: string,
  prefix: string,
  names: readonly N[],
  adjust: (change: Partial<Record<N, string>>) => Partial<Record<N, string>> = (change) => change,
) {
  type Filters = Record<N, string>;
  const location = useLocation();
  const applied = Object.fromEntries(names.map((name) => [name, location.searchParams.get(name) ?? ''])) as Filters;
  const page = pageOf(location);
  const [chosen, setChosen] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  // The page stays mounted from one address to the next (a link, back): the form shows the filters applied.
  useEffect(() => setChosen(applied), [location.search]);
  const bind = draftBinder(prefix, chosen, errors, (change) => setChosen((c) => ({ ...c, ...adjust(change) })));
  const go = (filters: Filters, next = 1) => navigate(withQuery(path, { ...filters, page: next }));
  /**
   * The form's filters, the typed ones (`checks`) trimmed and checked: the first field in error takes the focus, or
   * the list moves to them.
   */
  const apply = (checks: Partial<Record<N, FilterCheck>> = {}) => {
    const filters = { ...chosen };
    const found: Partial<Filters> = {};
    for (const name of Object.keys(checks) as N[]) {
      filters[name] = filters[name].trim();
      const problem = filters[name] !== '' && checks[name]?.(filters[name]);
      if (problem) found[name] = problem;
    }
    setErrors(found);
    if (focusFirstError(prefix, found)) go(filters);
  };
  /** Another page of the list, by the filters applied (the pager's). */
  const onPage = (next: number) => go(applied, next);
  return { search: location.search, applied, page, chosen, bind, go, apply, onPage };
}
