import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { type Principal } from '@app/platform';
import { BudgetOperations } from './budget-operations';
import { contractAggregate } from './contract.aggregate';
import { NoRevenueLineError } from './no-revenue-line.error';
import { programmeAggregate } from './programme.aggregate';
import { almatyYear, NotFoundError } from '@app/domain-kernel';

type Actor = Principal | { id: string; role: string };

/**
 * What other services' events do to the register, each in the consumer's inbox transaction: accepted repairs become
 * spending or warranty repairs, paid fines revenue, forwarded budget reports flags.
 */
@Injectable()
export class BudgetIntake {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly operations: BudgetOperations,
  ) {}

  /** A repair road-cases accepted: under warranty it is the contractor's debt, outside it the contract's programme pays. */
  async repairAccepted(
    repair: {
      caseId: string;
      contractId: string;
      underWarranty: boolean;
      costTiyn: number;
      acceptedAt: string;
      date: string;
      expenditureId: string;
    },
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    const rows = await manager.query(`SELECT programme_id FROM contracts WHERE contract_id = $1`, [repair.contractId]);
    if (rows.length === 0) throw new NotFoundError('Contract', repair.contractId);
    if (repair.underWarranty) {
      await this.commands.execute(
        contractAggregate,
        repair.contractId,
        'RecordWarrantyRepair',
        { caseId: repair.caseId, costTiyn: repair.costTiyn, acceptedAt: repair.acceptedAt },
        actor,
        { manager },
      );
      return;
    }
    if (repair.costTiyn === 0) return; // nothing was spent
    await this.operations.spendOnProgramme(
      rows[0].programme_id,
      repair.expenditureId,
      {
        amountTiyn: repair.costTiyn,
        date: repair.date,
        description: `Repair of road case ${repair.caseId}`,
        contractId: repair.contractId,
        caseId: repair.caseId,
      },
      actor,
      manager,
    );
  }

  /** A paid fine is revenue of its district's local budget: the revenue line of the year (the akimat's first). */
  async finePaid(
    fine: { fineId: string; amountTiyn: number; district: string; paidAt: string },
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    const fiscalYear = almatyYear(new Date(fine.paidAt));
    const rows = await manager.query(
      `SELECT p.programme_id FROM programmes p JOIN institutions i ON i.bin = p.institution_bin
        WHERE p.district = $1 AND p.fiscal_year = $2 AND p.direction = 'revenue'
        ORDER BY (i.kind = 'akimat') DESC, p.published_at, p.programme_id LIMIT 1`,
      [fine.district, fiscalYear],
    );
    // Parked, not dropped: the payment books itself once the revenue line is published.
    if (rows.length === 0) throw new NoRevenueLineError(fine.district, fiscalYear);
    await this.commands.execute(
      programmeAggregate,
      rows[0].programme_id,
      'ReceiveRevenue',
      { fineId: fine.fineId, amountTiyn: fine.amountTiyn, receivedAt: fine.paidAt },
      actor,
      { manager },
    );
  }

  /** A budget-execution report the club forwarded flags the programme it doubts (the latest year when it names none). */
  async reportForwarded(
    report: {
      reportId: string;
      institutionBin: string;
      programmeCode: string;
      fiscalYear?: number;
      doubt: string;
      amountInQuestionTiyn?: number | null;
    },
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    const params: unknown[] = [report.institutionBin, report.programmeCode];
    if (report.fiscalYear !== undefined) params.push(report.fiscalYear);
    const rows = await manager.query(
      `SELECT programme_id FROM programmes WHERE institution_bin = $1 AND code = $2 ${report.fiscalYear !== undefined ? 'AND fiscal_year = $3' : ''}
        ORDER BY fiscal_year DESC LIMIT 1`,
      params,
    );
    if (rows.length === 0)
      throw new NotFoundError(
        'Programme',
        `${report.programmeCode} of ${report.institutionBin}${report.fiscalYear ? ` (${report.fiscalYear})` : ''}`,
      );
    await this.commands.execute(
      programmeAggregate,
      rows[0].programme_id,
      'FlagProgramme',
      { reportId: report.reportId, doubt: report.doubt, amountInQuestionTiyn: report.amountInQuestionTiyn ?? null },
      actor,
      { manager },
    );
  }
}
