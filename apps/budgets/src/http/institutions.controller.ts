import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AsOfQueryDto, commandAnswer, HistoryQueryDto, parseIfMatch, StreamReads, versionEtag } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import { CurrentPrincipal, Public, Roles, type Principal } from '@app/platform';
import { BudgetOperations } from '../application/budget-operations';
import { RegisterQueries } from '../application/register-queries';
import { institutionDecider } from '../domain/institution.decider';
import { page } from './paging';
import { DeclareDisclosureDto, InstitutionListQueryDto, RegisterInstitutionDto } from './institution.dto';

/** The institution register: officials write it, anyone reads it. The stream id is the BIN. */
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly operations: BudgetOperations,
    private readonly queries: RegisterQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('official')
  @Post()
  async register(
    @Body() body: RegisterInstitutionDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.operations.registerInstitution(body, actor);
    res.status(201);
    return commandAnswer(res, result, { bin: body.bin });
  }

  @Roles('official')
  @Post(':bin/disclosures')
  async declareDisclosure(
    @Param('bin') bin: string,
    @Body() body: DeclareDisclosureDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.operations.declareDisclosure(bin, body.fiscalYear, actor, parseIfMatch(ifMatch));
    res.status(201);
    return commandAnswer(res, result, { disclosedYears: result.state.disclosedYears });
  }

  @Public()
  @Get()
  list(@Query() query: InstitutionListQueryDto) {
    return this.queries.institutions({
      district: query.district,
      kind: query.kind,
      disclosedIn: query.disclosedIn,
      ...page(query),
    });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':bin/history')
  async history(@Param('bin') bin: string, @Query() query: HistoryQueryDto) {
    await this.row(bin);
    return this.reads.history('Institution', bin, query);
  }

  /** The institution now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':bin')
  async one(@Param('bin') bin: string, @Query() query: AsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const row = await this.row(bin);
    if (query.asOf) {
      const loaded = await this.reads.state('Institution', institutionDecider, bin, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    res.setHeader('ETag', versionEtag(row.version));
    return row;
  }

  private async row(bin: string) {
    const row = await this.queries.institution(bin);
    if (!row) throw new NotFoundError('Institution', bin);
    return row;
  }
}
