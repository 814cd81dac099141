import { UpcasterRegistry } from '@app/event-store';

/**
 * OffenceRecorded v1 held the offender's name and plate, and an unkeyed SHA-256 of the IIN; v2 holds only the
 * IIN's keyed digest (the name and plate live in the personal-data record). Read as v2, a v1 event shows neither
 * (its stored bytes, which the hash chain covers, are never rewritten: events recorded before v2 still hold them).
 */
export const monitoringUpcasters = new UpcasterRegistry().register('OffenceRecorded', 1, (v1) => {
  const { offenderName: _name, vehiclePlate: _plate, offenderIinSha256: _unkeyed, ...rest } = v1;
  return { ...rest, offenderIinHmacSha256: null, offenderIinKeyId: null };
});
