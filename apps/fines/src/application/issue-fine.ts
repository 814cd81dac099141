import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { PersonalDataStore, type PersonalFields, type Principal } from '@app/platform';
import { ValidationFailedError } from '@app/domain-kernel';
import type { IssueFine } from '../domain/fine.commands';
import type { Offender, OffenceType, OffenderRecordRef } from '../domain/fine.types';
import { fineAggregate } from './fine.aggregate';
import { FINES_CONFIG, type FinesConfig } from './fines.config';

/** What fines' own personal-data records are for: the offender of a fine an official issued. */
export const FINE_OFFENDER_PURPOSE = 'fine-offender';

/** One fine per recorded offence: the fine id is derived from the offence id (a name-based uuid shape over sha256). */
export function fineIdForOffence(offenceId: string): string {
  const h = createHash('sha256').update(`fine-for-offence:${offenceId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * IssueFine's data as the caller gives it: the offence by its type (execute() looks up the catalogue entry), the
 * offender without the reference to their personal-data record, no fine id and no calendar (execute() adds them).
 */
export type IssueRequest = Omit<IssueFine['data'], 'fineId' | 'offence' | 'offender' | 'calendar'> & {
  offenceType: string;
  offender: Omit<Offender, 'personalData'>;
};

/**
 * POST /fines, and an offence a raid recorded (over the bus). The fine is decided with the offence catalogue and the
 * calendar of the configuration; the offender's personal data an official typed in is kept beside it.
 */
@Injectable()
export class IssueFineUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    @Inject(FINES_CONFIG) private readonly config: FinesConfig,
    private readonly personalData: PersonalDataStore,
  ) {}

  /**
   * Issues the fine: a random id for an official's fine, the offence's own derived id for a raid's offence. The
   * offender's name, IIN and plate an official typed in (personalData) go to fines' personal-data record of the
   * fine, in the fine's transaction; a raid's offender stays in monitoring's record of the offence.
   */
  execute(
    request: IssueRequest,
    actor: Principal | { id: string; role: string },
    options: { manager?: EntityManager; personalData?: PersonalFields } = {},
  ) {
    const fineId = request.offenceId ? fineIdForOffence(request.offenceId) : randomUUID();
    const record: OffenderRecordRef = request.offenceId
      ? { heldBy: 'monitoring', subjectId: request.offenceId }
      : { heldBy: 'fines', subjectId: fineId };
    const data: IssueFine['data'] = {
      ...request,
      offender: { ...request.offender, personalData: record },
      fineId,
      offence: this.offenceType(request.offenceType),
      calendar: this.config.calendar,
    };
    const { personalData } = options;
    return this.commands.execute(fineAggregate, fineId, 'IssueFine', data, actor, {
      manager: options.manager,
      expectedVersion: request.offenceId ? undefined : 0,
      alongside:
        personalData && record.heldBy === 'fines'
          ? (manager) => this.personalData.record(manager, fineId, FINE_OFFENDER_PURPOSE, personalData)
          : undefined,
    });
  }

  private offenceType(type: string): OffenceType {
    const entry = this.config.catalogue.find((o) => o.offenceType === type);
    if (!entry) throw new ValidationFailedError('offenceType', `offenceType ${type} is not in the offence catalogue`);
    return entry;
  }
}
