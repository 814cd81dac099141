import { filteredPageOf, pageOf } from './page-query.dto';

describe('filteredPageOf', () => {
  it('takes the filters named, absent ones as undefined, with the page as pageOf gives it', () => {
    const query = { status: 'open', district: undefined, kind: 'road', page: 3 };
    expect(filteredPageOf(query, 'status', 'district')).toStrictEqual({
      status: 'open',
      district: undefined,
      ...pageOf(query),
    });
  });
});
