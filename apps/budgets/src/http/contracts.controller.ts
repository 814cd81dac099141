import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AsOfQueryDto, commandAnswer, HistoryQueryDto, IfMatch, StreamReads, versioned } from '@app/event-store';
import { CurrentPrincipal, Public, Roles, type Principal, pageOf } from '@app/platform';
import { contractAggregate } from '../application/contract.aggregate';
import { RecordPaymentUseCase } from '../application/record-payment';
import { SignContractUseCase } from '../application/sign-contract';
import { RegisterQueries } from '../read-models/register/register.queries';
import { ContractListQueryDto, RecordPaymentDto, SignContractDto } from './contract.dto';
import { mustExist } from '@app/domain-kernel';

/** Contracts under programmes: signing, payments (each the programme's expenditure too), and the public register. */
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly signContract: SignContractUseCase,
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly queries: RegisterQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('official')
  @Post()
  async sign(@Body() body: SignContractDto, @CurrentPrincipal() actor: Principal) {
    const result = await this.signContract.execute(randomUUID(), body, actor);
    return commandAnswer(result, { warrantyEndsAt: result.state.warrantyEndsAt });
  }

  @Roles('official')
  @Post(':id/payments')
  async pay(
    @Param('id') id: string,
    @Body() body: RecordPaymentDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
    const paymentId = randomUUID();
    const result = await this.recordPayment.execute(id, paymentId, body, actor, expectedVersion);
    return commandAnswer(result, { paymentId, paidTiyn: result.state.paidTiyn, amountTiyn: result.state.amountTiyn });
  }

  @Public()
  @Get()
  list(@Query() query: ContractListQueryDto) {
    return this.queries.contracts({ contractorBin: query.contractor, programmeId: query.programme, ...pageOf(query) });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    await this.row(id);
    return this.reads.history(contractAggregate, id, query);
  }

  /** The contract now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    const row = await this.row(id);
    if (query.asOf) return this.reads.asOf(contractAggregate, id, query.asOf);
    return versioned(row);
  }

  private async row(id: string) {
    return mustExist(await this.queries.contract(id), 'Contract', id);
  }
}
