import { withoutAddresses } from './notification-dispatcher';

describe('delivery errors as logged', () => {
  it('never carry an e-mail address, even inside an SMTP answer', () => {
    expect(withoutAddresses('550 5.1.1 <aigerim@example.kz>: Recipient address rejected')).toBe(
      '550 5.1.1 <[address]>: Recipient address rejected',
    );
    expect(withoutAddresses("Can't send mail - all recipients were rejected: a.b+c@mail.example.kz")).not.toContain(
      '@',
    );
    expect(withoutAddresses('x'.repeat(600))).toHaveLength(500);
  });
});
