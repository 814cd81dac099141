import { Injectable } from '@nestjs/common';
import { AggregateCommands, EventStore, type ExecuteOptions } from '@app/event-store';
import { type Principal } from '@app/platform';
import { mustExist, ValidationFailedError, type Actor } from '@app/domain-kernel';
import { RegisterQueries } from '../read-models/register/register.queries';
import { programmeAggregate } from './programme.aggregate';

/** What a programme spent, however it came: an official's entry, a contract payment, a repair road-cases accepted. */
export interface Spending {
  amountTiyn: number;
  date: string;
  description: string;
  contractId: string | null;
  caseId: string | null;
}

/** The one way spending reaches a programme's stream (the allocation it must fit is the decider's rule). */
export function recordSpending(
  commands: AggregateCommands,
  programmeId: string,
  expenditureId: string,
  spending: Spending,
  actor: Principal | Actor,
  options: ExecuteOptions,
) {
  const { amountTiyn, date, description, contractId, caseId } = spending;
  const data = { expenditureId, amountTiyn, date, description, contractId, caseId };
  return commands.execute(programmeAggregate, programmeId, 'RecordExpenditure', data, actor, options);
}

/** POST /programmes/{id}/expenditures: an expenditure naming a contract must name one of this programme's contracts. */
@Injectable()
export class RecordExpenditureUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly register: RegisterQueries,
  ) {}

  async execute(
    programmeId: string,
    expenditureId: string,
    body: { amountTiyn: number; date: string; description: string; contractId?: string },
    actor: Principal | Actor,
    expectedVersion?: number,
  ) {
    // An unknown programme is a 404 before the contract is checked against it.
    mustExist(await this.store.currentVersion(programmeId), 'Programme', programmeId);
    if (body.contractId) {
      const contract = await this.register.contract(body.contractId);
      if (contract?.programmeId !== programmeId)
        throw new ValidationFailedError(
          'contractId',
          `contractId ${body.contractId} is not a contract of this programme`,
        );
    }
    const { amountTiyn, date, description } = body;
    const spending = { amountTiyn, date, description, contractId: body.contractId ?? null, caseId: null };
    return recordSpending(this.commands, programmeId, expenditureId, spending, actor, { expectedVersion });
  }
}
