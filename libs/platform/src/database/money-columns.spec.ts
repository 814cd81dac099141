import { withMoney } from './money-columns';

describe('withMoney', () => {
  it('turns bigint text columns named *Tiyn into integers', () => {
    expect(withMoney({ spentTiyn: '12', code: '451', paidTiyn: null })).toEqual({
      spentTiyn: 12,
      code: '451',
      paidTiyn: null,
    });
  });
});
