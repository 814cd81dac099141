import { createHmac } from 'node:crypto';
import { MASKED, PersonalDataKeyring, personalDataKeyring } from './personal-data-keyring';

const secret = Buffer.alloc(32, 5).toString('base64');
const old = Buffer.alloc(32, 6).toString('base64');
const keyring = personalDataKeyring({
  keyId: 'pd2',
  secret,
  previous: [{ keyId: 'pd1', secret: old }],
  readerRoles: ['official', 'moderator'],
});
/** HMAC-SHA256 of "<purpose>:<value>", computed here from the definition. */
const hmac = (key: string, text: string) => createHmac('sha256', Buffer.from(key, 'base64')).update(text).digest('hex');

describe('PersonalDataKeyring', () => {
  it('digests an IIN as HMAC-SHA256 of "iin:<IIN>" under the current key, naming the key', () => {
    expect(keyring.digest('iin', '900101300123')).toEqual({
      keyId: 'pd2',
      hmacSha256: hmac(secret, 'iin:900101300123'),
    });
    expect(keyring.digestsUnderEveryKey('iin', '900101300123')).toEqual([
      { keyId: 'pd2', hmacSha256: hmac(secret, 'iin:900101300123') },
      { keyId: 'pd1', hmacSha256: hmac(old, 'iin:900101300123') },
    ]);
  });

  it('gives a citizen a stable pseudonym that is neither the id nor its digest under another purpose', () => {
    const pseudonym = keyring.pseudonym('citizen-1');
    expect(pseudonym).toBe(`citizen:pd2:${hmac(secret, 'citizen:citizen-1').slice(0, 32)}`);
    expect(keyring.pseudonym('citizen-1')).toBe(pseudonym);
    expect(keyring.pseudonym('citizen-2')).not.toBe(pseudonym);
    expect(pseudonym).not.toContain(keyring.digest('iin', 'citizen-1').hmacSha256.slice(0, 32));
    expect(keyring.publicActor({ id: 'citizen-1', role: 'citizen' })).toEqual({ id: pseudonym, role: 'citizen' });
    expect(keyring.publicActor({ id: 'moderator-1', role: 'moderator' })).toEqual({
      id: 'moderator-1',
      role: 'moderator',
    });
  });

  it('lets the reader roles read in clear, by the role the route was authorised for', () => {
    expect(keyring.mayRead({ roles: ['official'] })).toBe(true);
    expect(keyring.mayRead({ roles: ['auditor'] })).toBe(false);
    expect(keyring.mayRead({ roles: ['official', 'auditor'], actingRole: 'auditor' })).toBe(false);
    expect(keyring.mayRead(undefined)).toBe(false);
  });

  it("masks a citizen actor and a reporter's id in an event for a reader without the right, and nothing else", () => {
    const event = {
      metadata: { actorId: 'citizen-1', actorRole: 'citizen', correlationId: 'c' },
      data: { reporterId: 'citizen-1', description: 'pothole' },
    };
    const masked = keyring.maskedEvent(event, { roles: ['auditor'] });
    expect(masked).toEqual({
      metadata: { actorId: keyring.pseudonym('citizen-1'), actorRole: 'citizen', correlationId: 'c' },
      data: { reporterId: keyring.pseudonym('citizen-1'), description: 'pothole' },
    });
    expect(keyring.maskedEvent(event, { roles: ['moderator'] })).toBe(event);
    const staff = { metadata: { actorId: 'inspector-1', actorRole: 'inspector' }, data: { reporterId: null } };
    expect(keyring.maskedEvent(staff, { roles: ['auditor'] })).toEqual(staff);
  });

  it('says what masked data is', () => {
    expect(MASKED).toMatch(/not shown/);
    expect(new PersonalDataKeyring({ keyId: 'k', secret: Buffer.alloc(32) }).readerRoles).toEqual([
      'official',
      'moderator',
    ]);
  });
});
