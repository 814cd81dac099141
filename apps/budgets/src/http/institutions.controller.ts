import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { AggregateCommands, AsOfQueryDto, commandAnswer, HistoryQueryDto, Caller, StreamReads } from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Public, Roles, type Principal, filteredPageOf } from '@app/platform';
import { DeclareDisclosureUseCase } from '../application/declare-disclosure';
import { institutionAggregate } from '../application/institution.aggregate';
import type { InstitutionState } from '../domain/institution.state';
import { RegisterQueries } from '../read-models/register/register.queries';
import type { InstitutionRow } from '../read-models/register/register.tables';
import { DeclareDisclosureDto, InstitutionListQueryDto, RegisterInstitutionDto } from './institution.dto';
import { RegisterEntryReads } from './register-entry-reads';

/** The institution register: officials write it, anyone reads it. The stream id is the BIN. */
@Controller('institutions')
export class InstitutionsController {
  private readonly entries: RegisterEntryReads<InstitutionState, InstitutionRow>;

  constructor(
    private readonly commands: AggregateCommands,
    private readonly declareDisclosures: DeclareDisclosureUseCase,
    private readonly queries: RegisterQueries,
    reads: StreamReads,
  ) {
    this.entries = new RegisterEntryReads(reads, institutionAggregate, (bin) => queries.institution(bin));
  }

  @Roles('official')
  @Post()
  async register(@Body() body: RegisterInstitutionDto, @CurrentPrincipal() actor: Principal) {
    const result = await this.commands.execute(institutionAggregate, body.bin, 'RegisterInstitution', body, actor);
    return commandAnswer(result, { bin: body.bin });
  }

  @CommandRoute('official', 201, ':bin/disclosures')
  async declareDisclosure(
    @Param('bin') bin: string,
    @Body() body: DeclareDisclosureDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const result = await this.declareDisclosures.execute(bin, body.fiscalYear, actor, expectedVersion);
    return commandAnswer(result, { disclosedYears: result.state.disclosedYears });
  }

  @Public()
  @Get()
  list(@Query() query: InstitutionListQueryDto) {
    return this.queries.institutions(filteredPageOf(query, 'district', 'kind', 'disclosedIn'));
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':bin/history')
  history(@Param('bin') bin: string, @Query() query: HistoryQueryDto) {
    return this.entries.history(bin, query);
  }

  /** The institution now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':bin')
  one(@Param('bin') bin: string, @Query() query: AsOfQueryDto) {
    return this.entries.one(bin, query);
  }
}
