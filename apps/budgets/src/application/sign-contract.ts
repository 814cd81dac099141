import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { type Principal } from '@app/platform';
import { ValidationFailedError, type Actor } from '@app/domain-kernel';
import type { SignContract } from '../domain/contract.commands';
import { RegisterQueries } from '../read-models/register/register.queries';
import { contractAggregate } from './contract.aggregate';

/**
 * POST /contracts: a contract is signed under a published spending programme, whose institution and year it takes.
 * The programme comes from the request, so one that is missing or a revenue line is a 400 naming programmeId.
 */
@Injectable()
export class SignContractUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
  ) {}

  async execute(
    contractId: string,
    body: Omit<SignContract['data'], 'contractId' | 'institutionBin' | 'fiscalYear'>,
    actor: Principal | Actor,
  ) {
    const programme = await this.register.programme(body.programmeId);
    if (!programme)
      throw new ValidationFailedError('programmeId', `programmeId ${body.programmeId} is not a published programme`);
    if (programme.direction !== 'expenditure')
      throw new ValidationFailedError(
        'programmeId',
        'programmeId names a revenue line; contracts are signed under spending programmes',
      );
    const data = {
      contractId,
      programmeId: body.programmeId,
      institutionBin: programme.institutionBin,
      fiscalYear: programme.fiscalYear,
      contractorBin: body.contractorBin,
      contractorName: body.contractorName,
      subject: body.subject,
      roadSegment: {
        roadName: body.roadSegment.roadName,
        fromKm: body.roadSegment.fromKm,
        toKm: body.roadSegment.toKm,
      },
      amountTiyn: body.amountTiyn,
      signedAt: body.signedAt,
      warrantyMonths: body.warrantyMonths,
    };
    return this.commands.execute(contractAggregate, contractId, 'SignContract', data, actor, { expectedVersion: 0 });
  }
}
