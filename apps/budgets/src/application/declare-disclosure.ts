import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { type Principal } from '@app/platform';
import type { Actor } from '@app/domain-kernel';
import { RegisterQueries } from '../read-models/register/register.queries';
import { institutionAggregate } from './institution.aggregate';

/**
 * POST /institutions/{bin}/disclosures: the institution's programmes of the year, counted in the register, go into
 * the command; the decider refuses when there are none. Programmes are never withdrawn, so a count read just before
 * the append cannot turn stale in a way that matters.
 */
@Injectable()
export class DeclareDisclosureUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
  ) {}

  async execute(bin: string, fiscalYear: number, actor: Principal | Actor, expectedVersion?: number) {
    const data = { fiscalYear, programmesInYear: await this.register.programmeCount(bin, fiscalYear) };
    return this.commands.execute(institutionAggregate, bin, 'DeclareDisclosure', data, actor, { expectedVersion });
  }
}
