import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AggregateCommands, AsOfQueryDto, Caller, HistoryQueryDto, statusAnswer, versioned } from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Public, Roles, type Principal, pageOf } from '@app/platform';
import { AcceptsPhotos, PhotoUploads, type StrippedPhoto } from '@app/photo-evidence';
import { CaseQueries } from '../read-models/case-board/case-board.queries';
import { AssignContractorToCase } from '../application/assign-contractor';
import { CaseReads } from '../application/case-reads';
import { roadCaseAggregate } from '../application/road-case.aggregate';
import { ReportCaseRepair } from '../application/report-repair';
import {
  AcceptRepairDto,
  AssignContractorDto,
  CaseListQueryDto,
  OpenCaseDto,
  ReasonDto,
  ReportRepairDto,
  VerifyDefectDto,
} from './case.dto';

/** Road cases over HTTP: shapes and roles; the rules live in the decider and the use cases of application/. */
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly assignContractor: AssignContractorToCase,
    private readonly reportCaseRepair: ReportCaseRepair,
    private readonly queries: CaseQueries,
    private readonly reads: CaseReads,
  ) {}

  @Roles('inspector', 'official')
  @Post()
  async open(@Body() body: OpenCaseDto, @CurrentPrincipal() actor: Principal) {
    const caseId = randomUUID();
    const data = { caseId, ...body, source: 'inspector' as const, reportIds: [], raidId: null };
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, caseId, 'OpenCase', data, actor, { expectedVersion: 0 }),
    );
  }

  @CommandRoute('inspector', 200, ':id/verify')
  async verify(@Param('id') id: string, @Body() body: VerifyDefectDto, @Caller() { actor, expectedVersion }: Caller) {
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, id, 'VerifyDefect', body, actor, { expectedVersion }),
    );
  }

  @CommandRoute('inspector', 200, ':id/reject')
  async reject(@Param('id') id: string, @Body() body: ReasonDto, @Caller() { actor, expectedVersion }: Caller) {
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, id, 'RejectCase', body, actor, { expectedVersion }),
    );
  }

  @CommandRoute('official', 200, ':id/assign')
  async assign(
    @Param('id') id: string,
    @Body() body: AssignContractorDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    return statusAnswer(await this.assignContractor.execute(id, body, actor, expectedVersion));
  }

  @CommandRoute('contractor', 200, ':id/report-repair')
  @AcceptsPhotos()
  async reportRepair(
    @Param('id') id: string,
    @Body() body: ReportRepairDto,
    @Caller() { actor, expectedVersion }: Caller,
    @PhotoUploads() photos: StrippedPhoto[],
  ) {
    return statusAnswer(await this.reportCaseRepair.execute(id, body.note ?? '', actor, expectedVersion, photos));
  }

  @CommandRoute('inspector', 200, ':id/accept-repair')
  async acceptRepair(
    @Param('id') id: string,
    @Body() body: AcceptRepairDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, id, 'AcceptRepair', body, actor, { expectedVersion }),
    );
  }

  @CommandRoute('inspector', 200, ':id/reject-repair')
  async rejectRepair(@Param('id') id: string, @Body() body: ReasonDto, @Caller() { actor, expectedVersion }: Caller) {
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, id, 'RejectRepair', body, actor, { expectedVersion }),
    );
  }

  @CommandRoute(['inspector', 'official', 'moderator'], 200, ':id/reopen')
  async reopen(@Param('id') id: string, @Body() body: ReasonDto, @Caller() { actor, expectedVersion }: Caller) {
    return statusAnswer(
      await this.commands.execute(roadCaseAggregate, id, 'ReopenCase', body, actor, { expectedVersion }),
    );
  }

  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get()
  list(@Query() query: CaseListQueryDto, @CurrentPrincipal() actor: Principal) {
    const filter = {
      status: query.status,
      district: query.district,
      contractorBin: query.contractorBin,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      defectType: query.defectType,
      ...pageOf(query),
    };
    return this.reads.list(filter, actor);
  }

  @Public()
  @Get('stats')
  stats() {
    return this.queries.stats();
  }

  @Public()
  @Get(':id/public')
  publicStatus(@Param('id') id: string) {
    return this.reads.publicStatus(id);
  }

  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() actor: Principal) {
    return this.reads.history(id, query, actor);
  }

  /** The case now from the board, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() actor: Principal) {
    if (query.asOf) return this.reads.asOf(id, query.asOf, actor);
    return versioned(await this.reads.one(id, actor));
  }
}
