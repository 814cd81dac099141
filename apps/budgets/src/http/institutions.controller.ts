import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  AggregateCommands,
  AsOfQueryDto,
  commandAnswer,
  HistoryQueryDto,
  IfMatch,
  StreamReads,
  versioned,
} from '@app/event-store';
import { CurrentPrincipal, Public, Roles, type Principal, pageOf } from '@app/platform';
import { DeclareDisclosureUseCase } from '../application/declare-disclosure';
import { institutionAggregate } from '../application/institution.aggregate';
import { RegisterQueries } from '../read-models/register/register.queries';
import { DeclareDisclosureDto, InstitutionListQueryDto, RegisterInstitutionDto } from './institution.dto';
import { mustExist } from '@app/domain-kernel';

/** The institution register: officials write it, anyone reads it. The stream id is the BIN. */
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly declareDisclosures: DeclareDisclosureUseCase,
    private readonly queries: RegisterQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('official')
  @Post()
  async register(@Body() body: RegisterInstitutionDto, @CurrentPrincipal() actor: Principal) {
    const result = await this.commands.execute(institutionAggregate, body.bin, 'RegisterInstitution', body, actor);
    return commandAnswer(result, { bin: body.bin });
  }

  @Roles('official')
  @Post(':bin/disclosures')
  async declareDisclosure(
    @Param('bin') bin: string,
    @Body() body: DeclareDisclosureDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
    const result = await this.declareDisclosures.execute(bin, body.fiscalYear, actor, expectedVersion);
    return commandAnswer(result, { disclosedYears: result.state.disclosedYears });
  }

  @Public()
  @Get()
  list(@Query() query: InstitutionListQueryDto) {
    return this.queries.institutions({
      district: query.district,
      kind: query.kind,
      disclosedIn: query.disclosedIn,
      ...pageOf(query),
    });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':bin/history')
  async history(@Param('bin') bin: string, @Query() query: HistoryQueryDto) {
    await this.row(bin);
    return this.reads.history(institutionAggregate, bin, query);
  }

  /** The institution now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':bin')
  async one(@Param('bin') bin: string, @Query() query: AsOfQueryDto) {
    const row = await this.row(bin);
    if (query.asOf) return this.reads.asOf(institutionAggregate, bin, query.asOf);
    return versioned(row);
  }

  private async row(bin: string) {
    return mustExist(await this.queries.institution(bin), 'Institution', bin);
  }
}
