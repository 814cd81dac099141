import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mustExist } from '@app/domain-kernel';
import {
  AggregateCommands,
  AsOfQueryDto,
  Caller,
  HistoryQueryDto,
  statusAnswer,
  StreamReads,
  versioned,
  type CommandResult,
} from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Roles, type Principal, filteredPageOf } from '@app/platform';
import { controlDocumentAggregate } from '../application/control-document.aggregate';
import { PUBLIC_CONTROL_CONFIG, type PublicControlConfig } from '../application/public-control.config';
import { IssueControlDocument } from '../application/issue-final-document';
import type { ControlDocumentState } from '../domain/control-document.state';
import { ControlDocumentQueries } from '../read-models/control-documents/control-documents.queries';
import {
  ControlDocumentListQueryDto,
  EscalateRecommendationDto,
  EscalationOutcomeDto,
  IssueFinalDocumentDto,
  RecommendationReplyDto,
  ScheduleHearingDto,
} from './control-document.dto';

/** A command's answer with the deadlines the caller acts on, and whether the calendar vouches for them. */
const answer = <Extra extends Record<string, unknown>>(
  result: CommandResult<ControlDocumentState>,
  extra: Extra = {} as Extra,
) =>
  statusAnswer(result, {
    sendDueOn: result.state.sendDueOn,
    replyDueOn: result.state.replyDueOn,
    calendarUnverified: result.state.calendarUnverified,
    ...extra,
  });

/**
 * The public-control loop of the Law "On Public Control" art. 13 over HTTP: the club's final document on a report it
 * accepted or a raid it held, sent to the institution, answered recommendation by recommendation by the
 * institution's official, escalated when refused or unanswered, and the escalation's outcome.
 */
@Controller('control-documents')
export class ControlDocumentsController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly issueDocument: IssueControlDocument,
    private readonly queries: ControlDocumentQueries,
    private readonly reads: StreamReads,
    @Inject(PUBLIC_CONTROL_CONFIG) private readonly config: PublicControlConfig,
  ) {}

  @Roles('moderator')
  @Post()
  async issue(@Body() body: IssueFinalDocumentDto, @CurrentPrincipal() actor: Principal) {
    const documentId = randomUUID();
    return answer(await this.issueDocument.execute({ documentId, ...body }, actor));
  }

  @CommandRoute('moderator', 200, ':id/send')
  async send(@Param('id') id: string, @Caller() { actor, expectedVersion }: Caller) {
    const data = { terms: this.config.terms };
    return answer(
      await this.commands.execute(controlDocumentAggregate, id, 'SendFinalDocument', data, actor, { expectedVersion }),
    );
  }

  /** Only an official whose token carries the BIN of the institution addressed (else 403). */
  @CommandRoute('official', 201, ':id/recommendations/:number/reply')
  async reply(
    @Param('id') id: string,
    /** Checked by PathParameterPipe (PATH_PARAMETERS.number): 1 to 999. */
    @Param('number') number: string,
    @Body() body: RecommendationReplyDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = {
      number: Number(number),
      position: body.position,
      reasoning: body.reasoning,
      evidence: body.evidence ?? [],
      replyingInstitutionBin: actor.bin ?? null,
    };
    return answer(
      await this.commands.execute(controlDocumentAggregate, id, 'RecordRecommendationReply', data, actor, {
        expectedVersion,
      }),
    );
  }

  @CommandRoute('moderator', 201, ':id/hearings')
  async scheduleHearing(
    @Param('id') id: string,
    @Body() body: ScheduleHearingDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const hearingId = randomUUID();
    const data = { hearingId, hearingAt: body.hearingAt, place: body.place, terms: this.config.terms };
    const result = await this.commands.execute(controlDocumentAggregate, id, 'ScheduleHearing', data, actor, {
      expectedVersion,
    });
    return answer(result, { hearingId });
  }

  @CommandRoute('moderator', 200, ':id/recommendations/:number/escalate')
  async escalate(
    @Param('id') id: string,
    @Param('number') number: string,
    @Body() body: EscalateRecommendationDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = { number: Number(number), ...body };
    return answer(
      await this.commands.execute(controlDocumentAggregate, id, 'EscalateRecommendation', data, actor, {
        expectedVersion,
      }),
    );
  }

  @CommandRoute('moderator', 200, ':id/recommendations/:number/outcome')
  async recordOutcome(
    @Param('id') id: string,
    @Param('number') number: string,
    @Body() body: EscalationOutcomeDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = {
      number: Number(number),
      liability: body.liability,
      protocolNumber: body.protocolNumber ?? null,
      fineId: body.fineId ?? null,
      note: body.note ?? '',
    };
    return answer(
      await this.commands.execute(controlDocumentAggregate, id, 'RecordEscalationOutcome', data, actor, {
        expectedVersion,
      }),
    );
  }

  @Roles('moderator', 'official', 'auditor', 'inspector')
  @Get()
  list(@Query() query: ControlDocumentListQueryDto) {
    return this.queries.list(filteredPageOf(query, 'institutionBin', 'subjectId', 'status'));
  }

  @Roles('moderator', 'official', 'auditor', 'inspector')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    return this.reads.history(controlDocumentAggregate, id, query);
  }

  /** One document with its deadlines and every recommendation's reply, overdue mark and escalation; or `?asOf=`. */
  @Roles('moderator', 'official', 'auditor', 'inspector')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    if (query.asOf) return this.reads.asOf(controlDocumentAggregate, id, query.asOf);
    return versioned(mustExist(await this.queries.one(id), 'ControlDocument', id));
  }
}
