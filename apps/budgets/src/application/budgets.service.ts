import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, EventStore, type CommandResult, type RecordedEvent } from '@app/event-store';
import { Clock, NotFoundError, ValidationFailedError, type Command, type Decider } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import type { ContractCommand } from '../domain/contract.commands';
import { contractDecider } from '../domain/contract.decider';
import type { ContractState } from '../domain/contract.state';
import type { InstitutionCommand } from '../domain/institution.commands';
import { institutionDecider } from '../domain/institution.decider';
import type { InstitutionState } from '../domain/institution.state';
import type { ProgrammeCommand } from '../domain/programme.commands';
import { programmeDecider } from '../domain/programme.decider';
import type { ProgrammeState } from '../domain/programme.state';
import { CONTRACT_STREAM, INSTITUTION_STREAM, PROGRAMME_STREAM } from '../projections/stream-types';

type Actor = Principal | { id: string; role: string };
type Data<C extends { type: string; data: object }, T extends C['type']> = Extract<C, { type: T }>['data'];
export interface ExecuteOptions {
  expectedVersion?: number;
  manager?: EntityManager;
  /** The thread a command joins, found in the stream's history, unless the caller named one (CommandHandler). */
  thread?: (history: RecordedEvent[]) => string | undefined;
}

/** Resolving a flag joins the thread of the report that raised it, so the citizen's thread reaches the resolution. */
export const flaggingReportThread = (reportId: string) => (history: RecordedEvent[]) =>
  history.find((e) => e.type === 'ProgrammeFlagged' && (e.data as { reportId?: string }).reportId === reportId)
    ?.metadata.correlationId;

/** Each aggregate with the command that creates its stream; any other command on a missing one is a 404. */
const AGGREGATES = {
  Institution: { decider: institutionDecider, streamType: INSTITUTION_STREAM, creates: 'RegisterInstitution' },
  Programme: { decider: programmeDecider, streamType: PROGRAMME_STREAM, creates: 'PublishProgramme' },
  Contract: { decider: contractDecider, streamType: CONTRACT_STREAM, creates: 'SignContract' },
} as const;

/** Load, decide, append for the three budget aggregates; the HTTP and Kafka adapters only translate into these calls. */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  institution<T extends InstitutionCommand['type']>(
    bin: string,
    type: T,
    data: Data<InstitutionCommand, T>,
    actor: Actor,
    options: ExecuteOptions = {},
  ) {
    return this.execute<InstitutionState>('Institution', bin, type, data, actor, options);
  }

  programme<T extends ProgrammeCommand['type']>(
    id: string,
    type: T,
    data: Data<ProgrammeCommand, T>,
    actor: Actor,
    options: ExecuteOptions = {},
  ) {
    return this.execute<ProgrammeState>('Programme', id, type, data, actor, options);
  }

  contract<T extends ContractCommand['type']>(
    id: string,
    type: T,
    data: Data<ContractCommand, T>,
    actor: Actor,
    options: ExecuteOptions = {},
  ) {
    return this.execute<ContractState>('Contract', id, type, data, actor, options);
  }

  /** Runs several commands in one transaction (a contract payment and the programme's expenditure it is). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For a step that must refuse a missing stream before its other checks (a command itself refuses it: AGGREGATES). */
  async require(resource: 'Institution' | 'Programme' | 'Contract', id: string): Promise<void> {
    if ((await this.store.currentVersion(id)) === 0) throw new NotFoundError(resource, id);
  }

  /** A programme's row from the register, or a 400 naming the field it came from. */
  async programmeRow(programmeId: string, field: string) {
    const rows = await this.dataSource.query(
      `SELECT programme_id, institution_bin, district, fiscal_year, purpose, direction FROM programmes WHERE programme_id = $1`,
      [programmeId],
    );
    if (rows.length === 0)
      throw new ValidationFailedError(field, `${field} ${programmeId} is not a published programme`);
    return rows[0] as {
      programme_id: string;
      institution_bin: string;
      district: string;
      fiscal_year: number;
      purpose: string;
      direction: string;
    };
  }

  // Rows come back untyped (TypeORM's query); each caller states the shape it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params: unknown[], manager?: EntityManager): Promise<any[]> {
    return (manager ?? this.dataSource).query(sql, params);
  }

  private execute<S>(
    aggregate: keyof typeof AGGREGATES,
    streamId: string,
    type: string,
    data: object,
    actor: Actor,
    options: ExecuteOptions,
  ): Promise<CommandResult<S>> {
    const { decider, streamType, creates } = AGGREGATES[aggregate];
    const command: Command = {
      type,
      data: data as Record<string, unknown>,
      metadata: commandMetadata(actor, this.clock.now()),
    };
    return this.handler.handle({
      decider: decider as unknown as Decider<S, Command, never>,
      streamType,
      streamId,
      command,
      expectedVersion: options.expectedVersion,
      manager: options.manager,
      notFound: type === creates ? undefined : aggregate,
      continueStreamThread: options.thread,
      // Without If-Match a command is decided again on fresh state after a concurrent change (CommandHandler).
      retryOnConflict: 3,
    });
  }
}
