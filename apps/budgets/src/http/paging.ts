/** ?page=&limit= as the register queries take them: the first page of 50 unless the query says otherwise. */
export const page = (query: { page?: number; limit?: number }) => ({ page: query.page ?? 1, limit: query.limit ?? 50 });
