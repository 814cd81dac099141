import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AsOfQueryDto, commandAnswer, HistoryQueryDto, Caller, StreamReads } from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Public, Roles, type Principal, pageOf } from '@app/platform';
import { contractAggregate } from '../application/contract.aggregate';
import { RecordPaymentUseCase } from '../application/record-payment';
import { SignContractUseCase } from '../application/sign-contract';
import type { ContractState } from '../domain/contract.state';
import { RegisterQueries } from '../read-models/register/register.queries';
import type { ContractRow } from '../read-models/register/register.tables';
import { ContractListQueryDto, RecordPaymentDto, SignContractDto } from './contract.dto';
import { RegisterEntryReads } from './register-entry-reads';

/** Contracts under programmes: signing, payments (each the programme's expenditure too), and the public register. */
@Controller('contracts')
export class ContractsController {
  private readonly entries: RegisterEntryReads<ContractState, ContractRow>;

  constructor(
    private readonly signContract: SignContractUseCase,
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly queries: RegisterQueries,
    reads: StreamReads,
  ) {
    this.entries = new RegisterEntryReads(reads, contractAggregate, (id) => queries.contract(id));
  }

  @Roles('official')
  @Post()
  async sign(@Body() body: SignContractDto, @CurrentPrincipal() actor: Principal) {
    const result = await this.signContract.execute(randomUUID(), body, actor);
    return commandAnswer(result, { warrantyEndsAt: result.state.warrantyEndsAt });
  }

  @CommandRoute('official', 201, ':id/payments')
  async pay(@Param('id') id: string, @Body() body: RecordPaymentDto, @Caller() { actor, expectedVersion }: Caller) {
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
  history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    return this.entries.history(id, query);
  }

  /** The contract now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':id')
  one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    return this.entries.one(id, query);
  }
}
