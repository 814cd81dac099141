import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AsOfQueryDto, commandAnswer, HistoryQueryDto, parseIfMatch, StreamReads, versionEtag } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import { CurrentPrincipal, Public, Roles, type Principal } from '@app/platform';
import { BudgetOperations } from '../application/budget-operations';
import { RegisterQueries } from '../application/register-queries';
import { contractDecider } from '../domain/contract.decider';
import { page } from './paging';
import { ContractListQueryDto, RecordPaymentDto, SignContractDto } from './contract.dto';

/** Contracts under programmes: signing, payments (each the programme's expenditure too), and the public register. */
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly operations: BudgetOperations,
    private readonly queries: RegisterQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('official')
  @Post()
  async sign(
    @Body() body: SignContractDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.operations.signContract(randomUUID(), body, actor);
    res.status(201);
    return commandAnswer(res, result, { warrantyEndsAt: result.state.warrantyEndsAt });
  }

  @Roles('official')
  @Post(':id/payments')
  async pay(
    @Param('id') id: string,
    @Body() body: RecordPaymentDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const paymentId = randomUUID();
    const result = await this.operations.recordPayment(id, paymentId, body, actor, parseIfMatch(ifMatch));
    res.status(201);
    return commandAnswer(res, result, {
      paymentId,
      paidTiyn: result.state.paidTiyn,
      amountTiyn: result.state.amountTiyn,
    });
  }

  @Public()
  @Get()
  list(@Query() query: ContractListQueryDto) {
    return this.queries.contracts({ contractorBin: query.contractor, programmeId: query.programme, ...page(query) });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    await this.row(id);
    return this.reads.history('Contract', id, query);
  }

  /** The contract now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const row = await this.row(id);
    if (query.asOf) {
      const loaded = await this.reads.state('Contract', contractDecider, id, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { id, version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    res.setHeader('ETag', versionEtag(row.version));
    return row;
  }

  private async row(id: string) {
    const row = await this.queries.contract(id);
    if (!row) throw new NotFoundError('Contract', id);
    return row;
  }
}
