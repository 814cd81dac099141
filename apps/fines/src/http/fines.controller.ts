import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AggregateCommands,
  AsOfQueryDto,
  Caller,
  HistoryQueryDto,
  statusAnswer,
  StreamReads,
  type CommandResult,
} from '@app/event-store';
import {
  CommandRoute,
  CurrentPrincipal,
  filteredPageOf,
  PersonalDataKeyring,
  Public,
  Roles,
  type Principal,
} from '@app/platform';
import { FineStats } from '../read-models/fine-board/fine-stats.queries';
import { FineQueries } from '../read-models/fine-board/fine-board.queries';
import { fineAggregate } from '../application/fine.aggregate';
import { IssueFineUseCase } from '../application/issue-fine';
import { ReadFine } from '../application/read-fine';
import { RecordPaymentUseCase } from '../application/record-payment';
import type { FineIssued } from '../domain/fine.events';
import type { FineState } from '../domain/fine.state';
import { mciUnverified } from '../domain/mci';
import { AppealDto, DecideAppealDto, FineListQueryDto, IssueFineDto, PaymentDto } from './fine.dto';

type Result = CommandResult<FineState>;

function answer(result: Result) {
  const s = result.state;
  return statusAnswer(result, {
    amountTiyn: s.amountTiyn,
    paidTiyn: s.paidTiyn,
    dueDate: s.dueDate,
  });
}

/** Fines over HTTP: shapes and roles; the rules live in the decider and the use cases of application/. */
@Controller('fines')
export class FinesController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly issueFine: IssueFineUseCase,
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly queries: FineQueries,
    private readonly reads: StreamReads,
    private readonly fineStats: FineStats,
    private readonly readFine: ReadFine,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  /** An official issues a fine: 201 with the amount, the MCI used, the discount deadline and the due date. */
  @Roles('official')
  @Post()
  async issue(@Body() body: IssueFineDto, @CurrentPrincipal() actor: Principal) {
    const { offender } = body;
    const iin = this.keyring.iinDigestFields(offender.iin);
    const result = await this.issueFine.execute(
      {
        offenceId: null,
        offenceType: body.offenceType,
        committedAt: body.committedAt,
        place: body.place,
        district: body.district,
        raidId: body.raidId ?? null,
        caseId: body.caseId ?? null,
        evidence: body.evidence,
        offender: {
          category: offender.category,
          iinHmacSha256: iin.hmacSha256,
          iinKeyId: iin.keyId,
          bin: offender.bin ?? null,
        },
      },
      actor,
      { personalData: { name: offender.name, iin: offender.iin, plate: offender.vehiclePlate } },
    );
    const issued = result.events[0].data as FineIssued['data'];
    return {
      ...answer(result),
      mciTiyn: issued.mciTiyn,
      mciEffectiveFrom: issued.mciEffectiveFrom,
      mciMultiples: issued.mciMultiples,
      discountAmountTiyn: issued.discountAmountTiyn,
      discountDeadline: issued.discountDeadline,
      legalReference: issued.legalReference,
      calendarUnverified: issued.calendarUnverified ?? false,
      mciUnverified: mciUnverified(issued.committedAt, issued.mciEffectiveFrom),
    };
  }

  /**
   * The payment channel reports a payment; above the amount due it is a 400 naming amountTiyn, with amountDueTiyn
   * (400, not 409: the request is wrong whatever the fine's version). The same paymentId again is booked once.
   */
  @CommandRoute('official', 200, ':id/payments')
  async pay(@Param('id') id: string, @Body() body: PaymentDto, @Caller() { actor, expectedVersion }: Caller) {
    const { result, balanceTiyn } = await this.recordPayment.execute(
      id,
      { paymentId: body.paymentId ?? randomUUID(), amountTiyn: body.amountTiyn, paidAt: body.paidAt },
      actor,
      expectedVersion,
    );
    return { ...answer(result), balanceTiyn, discountApplied: result.state.discountApplied };
  }

  @CommandRoute('official', 200, ':id/appeal')
  async appeal(@Param('id') id: string, @Body() body: AppealDto, @Caller() { actor, expectedVersion }: Caller) {
    return answer(await this.commands.execute(fineAggregate, id, 'FileAppeal', body, actor, { expectedVersion }));
  }

  @CommandRoute('official', 200, ':id/decide-appeal')
  async decideAppeal(
    @Param('id') id: string,
    @Body() body: DecideAppealDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = { decision: body.decision, newAmountTiyn: body.newAmountTiyn, reason: body.reason ?? '' };
    return answer(await this.commands.execute(fineAggregate, id, 'DecideAppeal', data, actor, { expectedVersion }));
  }

  @Roles('official', 'auditor')
  @Get()
  list(@Query() query: FineListQueryDto) {
    return this.queries.list(filteredPageOf(query, 'status', 'offenceType', 'offenderCategory', 'raidId', 'year'));
  }

  /**
   * Public statistics: how many fines, imposed, collected and outstanding tiyn, by offence type, offender category,
   * year and month. Counts and sums only: no offender appears. Declared before :id so that "stats" is not taken for an id.
   */
  @Public()
  @Get('stats')
  stats() {
    return this.fineStats.summary();
  }

  /** Events carry the offender's identity, so the history is for officials and auditors. */
  @Roles('official', 'auditor')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    return this.reads.history(fineAggregate, id, query);
  }

  /** The fine now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Roles('official', 'auditor', 'inspector', 'moderator')
  @Get(':id')
  one(@Param('id') id: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() actor: Principal) {
    return this.readFine.one(id, actor, query.asOf);
  }
}
