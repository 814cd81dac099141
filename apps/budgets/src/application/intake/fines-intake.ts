import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FinePaidV1, IntegrationEnvelope } from '@app/contracts';
import { AggregateCommands } from '@app/event-store';
import { Inbox } from '@app/messaging';
import { almatyYear, type Actor } from '@app/domain-kernel';
import { RegisterQueries } from '../../read-models/register/register.queries';
import { programmeAggregate } from '../programme.aggregate';
import { NoRevenueLineError } from './no-revenue-line.error';

/** What fines' events do to the register: every fine payment is revenue of the district's local budget. */
@Injectable()
export class FinesIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
  ) {}

  /** Once per event, in the inbox's transaction. */
  async finePaid(fine: FinePaidV1, envelope: IntegrationEnvelope): Promise<void> {
    await this.inbox.once('budgets.fines', envelope, (manager) => this.bookRevenue(fine, envelope.actor, manager));
  }

  /**
   * A paid fine is revenue of its district's local budget for the year it was paid in: the revenue line of the
   * akimat if it has one, else the line published first (then the lowest id, so the choice never wavers).
   */
  private async bookRevenue(
    fine: { fineId: string; amountTiyn: number; district: string; paidAt: string },
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    const fiscalYear = almatyYear(new Date(fine.paidAt));
    const lines = await this.register.revenueLines(fine.district, fiscalYear, manager);
    const [line] = lines.sort(
      (a, b) =>
        Number(b.institutionKind === 'akimat') - Number(a.institutionKind === 'akimat') ||
        a.publishedAt.getTime() - b.publishedAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    // Parked, not dropped: the payment books itself once the revenue line is published.
    if (!line) throw new NoRevenueLineError(fine.district, fiscalYear);
    await this.commands.execute(
      programmeAggregate,
      line.id,
      'ReceiveRevenue',
      { fineId: fine.fineId, amountTiyn: fine.amountTiyn, receivedAt: fine.paidAt },
      actor,
      { manager },
    );
  }
}
