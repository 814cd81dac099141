export { commandAnswer as answer } from '@app/event-store';

export const page = (query: { page?: number; limit?: number }) => ({ page: query.page ?? 1, limit: query.limit ?? 50 });
