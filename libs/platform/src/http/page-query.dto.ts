import { OptionalQueryInt } from './optional-query-int.decorator';

/** Pages past this are refused: page × limit must stay an OFFSET the database takes, and nobody pages this far. */
export const MAX_PAGE = 1_000_000;

/** ?page=&limit= of every list route; list query DTOs extend it (class-validator inherits the rules). */
export class PageQueryDto {
  @OptionalQueryInt(1, MAX_PAGE, `page must be at most ${MAX_PAGE}`)
  page?: number;

  @OptionalQueryInt(1, 200)
  limit?: number;
}

/** ?page=&limit= as the list queries take them: the first page of 50 unless the query says otherwise. */
export const pageOf = (query: { page?: number; limit?: number }) => ({
  page: query.page ?? 1,
  limit: query.limit ?? 50,
});

/**
 * A list query as the list queries take it: the filters named, as the query string gave them (absent ones too, as
 * undefined), with its page (pageOf). A filter the query renames or converts is spelled out by its route instead.
 */
export function filteredPageOf<Q extends PageQueryDto, F extends keyof Q>(query: Q, ...filters: F[]) {
  const picked = Object.fromEntries(filters.map((name) => [name, query[name]])) as Pick<Q, F>;
  return { ...picked, ...pageOf(query) };
}
