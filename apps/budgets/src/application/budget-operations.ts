import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AggregateCommands, EventStore } from '@app/event-store';
import { type Principal } from '@app/platform';
import type { ProgrammePurpose, RoadSegment } from '../domain/budget.types';
import { contractAggregate } from './contract.aggregate';
import { institutionAggregate } from './institution.aggregate';
import { programmeAggregate } from './programme.aggregate';
import { ConflictError, NotFoundError, ValidationFailedError } from '@app/domain-kernel';

type Actor = Principal | { id: string; role: string };

/**
 * The steps that need a fact from another aggregate's read model (the institution's district, the programmes of a
 * year, the contract's programme) or touch two streams at once; what arrives over Kafka is in BudgetIntake. The
 * facts go into the command; rules stay in deciders. Every other command goes straight to AggregateCommands.
 */
@Injectable()
export class BudgetOperations {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Counts the institution's programmes of the year in the register; the decider refuses when there are none. Programmes are
   * never withdrawn, so a count read just before the append cannot turn stale in a way that matters.
   */
  async declareDisclosure(bin: string, fiscalYear: number, actor: Actor, expectedVersion?: number) {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM programmes WHERE institution_bin = $1 AND fiscal_year = $2`,
      [bin, fiscalYear],
    );
    const data = { fiscalYear, programmesInYear: count };
    return this.commands.execute(institutionAggregate, bin, 'DeclareDisclosure', data, actor, { expectedVersion });
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
    return this.dataSource.transaction(async (manager) => {
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
      return this.commands.execute(programmeAggregate, programmeId, 'PublishProgramme', data, actor, {
        expectedVersion: 0,
        manager,
      });
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
    // An unknown programme is a 404 before the contract is checked against it.
    if ((await this.store.currentVersion(programmeId)) === 0) throw new NotFoundError('Programme', programmeId);
    if (body.contractId) {
      const rows: { programme_id: string }[] = await this.dataSource.query(
        `SELECT programme_id FROM contracts WHERE contract_id = $1`,
        [body.contractId],
      );
      if (rows[0]?.programme_id !== programmeId)
        throw new ValidationFailedError(
          'contractId',
          `contractId ${body.contractId} is not a contract of this programme`,
        );
    }
    const data = {
      expenditureId,
      amountTiyn: body.amountTiyn,
      date: body.date,
      description: body.description,
      contractId: body.contractId ?? null,
      caseId: null,
    };
    return this.commands.execute(programmeAggregate, programmeId, 'RecordExpenditure', data, actor, {
      expectedVersion,
    });
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
    const programme = await this.programmeRow(body.programmeId, 'programmeId');
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
    return this.commands.execute(contractAggregate, contractId, 'SignContract', data, actor, { expectedVersion: 0 });
  }

  /** A payment against a contract is the programme's expenditure too: both streams change in one transaction or neither. */
  async recordPayment(
    contractId: string,
    paymentId: string,
    body: { amountTiyn: number; paidOn: string; description: string },
    actor: Actor,
    expectedVersion?: number,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const paid = await this.commands.execute(
        contractAggregate,
        contractId,
        'RecordPayment',
        { paymentId, ...body },
        actor,
        {
          expectedVersion,
          manager,
        },
      );
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
    const data = { expenditureId, amountTiyn, date, description, contractId, caseId };
    return this.commands.execute(programmeAggregate, programmeId, 'RecordExpenditure', data, actor, { manager });
  }

  /** A programme's row from the register, or a 400 naming the field it came from. */
  private async programmeRow(programmeId: string, field: string) {
    const rows: {
      programme_id: string;
      institution_bin: string;
      district: string;
      fiscal_year: number;
      purpose: string;
      direction: string;
    }[] = await this.dataSource.query(
      `SELECT programme_id, institution_bin, district, fiscal_year, purpose, direction FROM programmes WHERE programme_id = $1`,
      [programmeId],
    );
    if (rows.length === 0)
      throw new ValidationFailedError(field, `${field} ${programmeId} is not a published programme`);
    return rows[0];
  }
}
