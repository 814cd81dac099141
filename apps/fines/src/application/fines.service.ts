import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, type CommandResult } from '@app/event-store';
import { ValidationFailedError } from '@app/domain-kernel';
import { PersonalDataKeyring, PersonalDataStore, type PersonalFields, type Principal } from '@app/platform';
import type { FineCommand, IssueFine } from '../domain/fine.commands';
import { fineDecider } from '../domain/fine.decider';
import type { FineState } from '../domain/fine.state';
import type { Offender, OffenceType, OffenderRecordRef } from '../domain/fine.types';
import { FINE_STREAM } from '../projections/fine-board.projection';
import { Clock } from '@app/domain-kernel';
import { FINES_CONFIG, type FinesConfig } from './fines.config';
import { PaymentReferences } from './payment-references';

type Data<T extends FineCommand['type']> = Extract<FineCommand, { type: T }>['data'];

/** What fines' own personal-data records are for: the offender of a fine an official issued. */
export const FINE_OFFENDER_PURPOSE = 'fine-offender';

/** One fine per recorded offence: the fine id is derived from the offence id (a name-based uuid shape over sha256). */
export function fineIdForOffence(offenceId: string): string {
  const h = createHash('sha256').update(`fine-for-offence:${offenceId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface IssueRequest {
  offenceId: string | null;
  offenceType: string;
  offender: Omit<Offender, 'personalData'>;
  committedAt: string;
  place: string;
  district: string;
  raidId: string | null;
  caseId: string | null;
  evidence: string[];
}

/** Load, decide, append for fines; the HTTP and Kafka adapters only translate into these calls. */
@Injectable()
export class FinesService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly clock: Clock,
    @Inject(FINES_CONFIG) private readonly config: FinesConfig,
    private readonly references: PaymentReferences,
    private readonly keyring: PersonalDataKeyring,
    private readonly personalData: PersonalDataStore,
  ) {}

  execute<T extends FineCommand['type']>(
    fineId: string,
    type: T,
    data: Data<T>,
    actor: Principal | { id: string; role: string },
    options: {
      expectedVersion?: number;
      manager?: EntityManager;
      at?: Date;
      alongside?: (manager: EntityManager) => Promise<void>;
    } = {},
  ): Promise<CommandResult<FineState>> {
    const command = { type, data, metadata: commandMetadata(actor, options.at ?? this.clock.now()) } as FineCommand;
    return this.handler.handle({
      decider: fineDecider,
      streamType: FINE_STREAM,
      streamId: fineId,
      command,
      expectedVersion: options.expectedVersion,
      manager: options.manager,
      notFound: type === 'IssueFine' ? undefined : 'Fine',
      // Without If-Match a command is decided again on fresh state after a concurrent change (CommandHandler).
      retryOnConflict: 3,
      // One report, raid, case or fine is one thread: later steps stay on it.
      continueStreamThread: true,
      alongside: options.alongside,
    });
  }

  /** Books a payment; its reference may be booked once across all fines (the same fine again is a retry, booked once). */
  async recordPayment(
    fineId: string,
    data: Data<'RecordPayment'>,
    actor: Principal,
    options: { expectedVersion?: number; at?: Date } = {},
  ) {
    await this.references.requireFreeFor(data.paymentId, fineId);
    try {
      return await this.execute(fineId, 'RecordPayment', data, actor, options);
    } catch (error) {
      return this.references.translateRace(error, data.paymentId);
    }
  }

  offenceType(type: string): OffenceType {
    const entry = this.config.catalogue.find((o) => o.offenceType === type);
    if (!entry) throw new ValidationFailedError('offenceType', `offenceType ${type} is not in the offence catalogue`);
    return entry;
  }

  /** The IIN as the log and the topics know it: its HMAC under the personal-data key monitoring shares. */
  iinDigest(iin: string | null | undefined): Pick<Offender, 'iinHmacSha256' | 'iinKeyId'> {
    const digest = iin ? this.keyring.digest('iin', iin) : null;
    return { iinHmacSha256: digest?.hmacSha256 ?? null, iinKeyId: digest?.keyId ?? null };
  }

  /**
   * Issues the fine: a random id for an official's fine, the offence's own derived id for a raid's offence. The
   * offender's name, IIN and plate an official typed in (personalData) go to fines' personal-data record of the
   * fine, in the fine's transaction; a raid's offender stays in monitoring's record of the offence.
   */
  issue(
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
    return this.execute(fineId, 'IssueFine', data, actor, {
      manager: options.manager,
      expectedVersion: request.offenceId ? undefined : 0,
      alongside:
        personalData && record.heldBy === 'fines'
          ? (manager) => this.personalData.record(manager, fineId, FINE_OFFENDER_PURPOSE, personalData)
          : undefined,
    });
  }
}
