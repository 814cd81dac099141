import { UpcasterRegistry } from '@app/event-store';

/**
 * FineIssued v1 held the offender's name, IIN, plate and an unkeyed SHA-256 of the IIN; v2 holds only the IIN's
 * keyed digest and where the personal-data record is. Read as v2, a v1 event shows none of them (its stored bytes,
 * which the hash chain covers, are never rewritten: fines issued before v2 still hold them in the log).
 */
export const finesUpcasters = new UpcasterRegistry().register('FineIssued', 1, (v1) => {
  const {
    offenderName: _name,
    offenderIin: _iin,
    offenderIinSha256: _unkeyed,
    vehiclePlate: _plate,
    ...rest
  } = v1 as Record<string, unknown> & { fineId: string; offenceId: string | null };
  return {
    ...rest,
    offenderIinHmacSha256: null,
    offenderIinKeyId: null,
    offenderPersonalData: rest.offenceId
      ? { heldBy: 'monitoring', subjectId: rest.offenceId }
      : { heldBy: 'fines', subjectId: rest.fineId },
  };
});
