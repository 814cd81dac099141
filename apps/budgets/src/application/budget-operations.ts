import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import type { InstitutionKind, ProgrammePurpose, RoadSegment } from '../domain/budget.types';
import { BudgetsService } from './budgets.service';

type Actor = Principal | { id: string; role: string };

/**
 * The steps that need a fact from another aggregate's read model (the institution's district, the programmes of a
 * year, the contract's programme) or touch two streams at once; what arrives over Kafka is in BudgetIntake. The facts go into the command; rules stay in deciders.
 */
@Injectable()
export class BudgetOperations {
  constructor(private readonly budgets: BudgetsService) {}

  registerInstitution(body: { bin: string; name: string; district: string; kind: InstitutionKind }, actor: Actor) {
    return this.budgets.institution(body.bin, 'RegisterInstitution', body, actor);
  }

  /**
   * Counts the institution's programmes of the year in the register; the decider refuses when there are none. Programmes are
   * never withdrawn, so a count read just before the append cannot turn stale in a way that matters.
   */
  async declareDisclosure(bin: string, fiscalYear: number, actor: Actor, expectedVersion?: number) {
    const [{ count }] = await this.budgets.query(
      `SELECT count(*)::int AS count FROM programmes WHERE institution_bin = $1 AND fiscal_year = $2`,
      [bin, fiscalYear],
    );
    return this.budgets.institution(bin, 'DeclareDisclosure', { fiscalYear, programmesInYear: count }, actor, {
      expectedVersion,
    });
  }

  /** One programme per institution, code and year: a lock on that triple keeps two concurrent publications from both passing the check. */
  async publishProgramme(
    programmeId: string,
    body: {
      institutionBin: string;
      fiscalYear: number;
      code: string;
      name: string;
      purpose: ProgrammePurpose;
      allocationTiyn: number;
    },
    actor: Actor,
  ) {
    return this.budgets.transaction(async (manager) => {
      // An advisory lock is no write, so the append below stays the transaction's first write (see EventStore.append).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `programme:${body.institutionBin}:${body.code}:${body.fiscalYear}`,
      ]);
      const rows = await manager.query(`SELECT district FROM institutions WHERE bin = $1`, [body.institutionBin]);
      if (rows.length === 0)
        throw new ValidationFailedError(
          'institutionBin',
          `institutionBin ${body.institutionBin} is not a registered institution`,
        );
      const taken = await manager.query(
        `SELECT programme_id FROM programmes WHERE institution_bin = $1 AND code = $2 AND fiscal_year = $3`,
        [body.institutionBin, body.code, body.fiscalYear],
      );
      if (taken.length > 0) {
        throw new ConflictError(
          'programme_exists',
          `Programme ${body.code} of ${body.fiscalYear} is already published`,
          { programmeId: taken[0].programme_id },
        );
      }
      const data = { programmeId, ...body, district: rows[0].district as string };
      return this.budgets.programme(programmeId, 'PublishProgramme', data, actor, { expectedVersion: 0, manager });
    });
  }

  /** An expenditure naming a contract must name one of this programme's contracts. */
  async recordExpenditure(
    programmeId: string,
    expenditureId: string,
    body: { amountTiyn: number; date: string; description: string; contractId?: string },
    actor: Actor,
    expectedVersion?: number,
  ) {
    await this.budgets.require('Programme', programmeId);
    if (body.contractId) {
      const rows = await this.budgets.query(`SELECT programme_id FROM contracts WHERE contract_id = $1`, [
        body.contractId,
      ]);
      if (rows[0]?.programme_id !== programmeId)
        throw new ValidationFailedError(
          'contractId',
          `contractId ${body.contractId} is not a contract of this programme`,
        );
    }
    return this.budgets.programme(
      programmeId,
      'RecordExpenditure',
      {
        expenditureId,
        amountTiyn: body.amountTiyn,
        date: body.date,
        description: body.description,
        contractId: body.contractId ?? null,
        caseId: null,
      },
      actor,
      { expectedVersion },
    );
  }

  async signContract(
    contractId: string,
    body: {
      programmeId: string;
      contractorBin: string;
      contractorName: string;
      subject: string;
      roadSegment: RoadSegment;
      amountTiyn: number;
      signedAt: string;
      warrantyMonths: number;
    },
    actor: Actor,
  ) {
    const programme = await this.budgets.programmeRow(body.programmeId, 'programmeId');
    if (programme.direction !== 'expenditure')
      throw new ValidationFailedError(
        'programmeId',
        'programmeId names a revenue line; contracts are signed under spending programmes',
      );
    const data = {
      contractId,
      programmeId: body.programmeId,
      institutionBin: programme.institution_bin,
      fiscalYear: programme.fiscal_year,
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
    return this.budgets.contract(contractId, 'SignContract', data, actor, { expectedVersion: 0 });
  }

  /** A payment against a contract is the programme's expenditure too: both streams change in one transaction or neither. */
  async recordPayment(
    contractId: string,
    paymentId: string,
    body: { amountTiyn: number; paidOn: string; description: string },
    actor: Actor,
    expectedVersion?: number,
  ) {
    return this.budgets.transaction(async (manager) => {
      const paid = await this.budgets.contract(contractId, 'RecordPayment', { paymentId, ...body }, actor, {
        expectedVersion,
        manager,
      });
      await this.spendOnProgramme(
        paid.state.programmeId,
        paymentId,
        { ...body, date: body.paidOn, contractId, caseId: null },
        actor,
        manager,
      );
      return paid;
    });
  }

  spendOnProgramme(
    programmeId: string,
    expenditureId: string,
    spending: {
      amountTiyn: number;
      date: string;
      description: string;
      contractId: string | null;
      caseId: string | null;
    },
    actor: Actor,
    manager: EntityManager,
  ) {
    const { amountTiyn, date, description, contractId, caseId } = spending;
    return this.budgets.programme(
      programmeId,
      'RecordExpenditure',
      { expenditureId, amountTiyn, date, description, contractId, caseId },
      actor,
      { manager },
    );
  }
}
