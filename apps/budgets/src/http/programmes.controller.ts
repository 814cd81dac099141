import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AggregateCommands, AsOfQueryDto, commandAnswer, HistoryQueryDto, Caller, StreamReads } from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Public, Roles, type Principal, pageOf } from '@app/platform';
import { programmeAggregate } from '../application/programme.aggregate';
import { PublishProgrammeUseCase } from '../application/publish-programme';
import { RecordExpenditureUseCase } from '../application/record-expenditure';
import { RegisterQueries } from '../read-models/register/register.queries';
import type { ProgrammeRow } from '../read-models/register/register.tables';
import type { ProgrammeState } from '../domain/programme.state';
import {
  AmendAllocationDto,
  ProgrammeListQueryDto,
  PublishProgrammeDto,
  RecordExpenditureDto,
  ResolveFlagDto,
} from './programme.dto';
import { RegisterEntryReads } from './register-entry-reads';

const figures = (s: ProgrammeState) => ({
  allocationTiyn: s.allocationTiyn,
  spentTiyn: s.spentTiyn,
  openFlags: s.openFlags,
});

/** Budget programmes over HTTP: thin translation into commands and reads; rules live in the decider. */
@Controller('programmes')
export class ProgrammesController {
  private readonly entries: RegisterEntryReads<ProgrammeState, ProgrammeRow>;

  constructor(
    private readonly commands: AggregateCommands,
    private readonly publishProgramme: PublishProgrammeUseCase,
    private readonly recordExpenditure: RecordExpenditureUseCase,
    private readonly queries: RegisterQueries,
    reads: StreamReads,
  ) {
    this.entries = new RegisterEntryReads(reads, programmeAggregate, (id) => queries.programme(id));
  }

  @Roles('official')
  @Post()
  async publish(@Body() body: PublishProgrammeDto, @CurrentPrincipal() actor: Principal) {
    const result = await this.publishProgramme.execute(randomUUID(), body, actor);
    return commandAnswer(result, figures(result.state));
  }

  @CommandRoute('official', 200, ':id/amend')
  async amend(@Param('id') id: string, @Body() body: AmendAllocationDto, @Caller() { actor, expectedVersion }: Caller) {
    const result = await this.commands.execute(programmeAggregate, id, 'AmendAllocation', body, actor, {
      expectedVersion,
    });
    return commandAnswer(result, figures(result.state));
  }

  @CommandRoute('official', 201, ':id/expenditures')
  async spend(
    @Param('id') id: string,
    @Body() body: RecordExpenditureDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const expenditureId = randomUUID();
    const result = await this.recordExpenditure.execute(id, expenditureId, body, actor, expectedVersion);
    return commandAnswer(result, { expenditureId, ...figures(result.state) });
  }

  @CommandRoute(['official', 'moderator'], 200, ':id/resolve-flag')
  async resolveFlag(
    @Param('id') id: string,
    @Body() body: ResolveFlagDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = { reportId: body.reportId, outcome: body.outcome, note: body.note ?? '' };
    // Unless the caller names a thread, the resolution joins the flagging report's (programmeAggregate's thread).
    const result = await this.commands.execute(programmeAggregate, id, 'ResolveFlag', data, actor, { expectedVersion });
    return commandAnswer(result, figures(result.state));
  }

  @Public()
  @Get()
  list(@Query() query: ProgrammeListQueryDto) {
    return this.queries.programmes({
      institutionBin: query.institution,
      fiscalYear: query.year,
      purpose: query.purpose,
      flagged: query.flagged === undefined ? undefined : query.flagged === 'true',
      ...pageOf(query),
    });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    return this.entries.history(id, query);
  }

  /** The programme now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':id')
  one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    return this.entries.one(id, query);
  }
}
