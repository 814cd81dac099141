import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { type Principal } from '@app/platform';
import { ConflictError, ValidationFailedError, type Actor } from '@app/domain-kernel';
import type { PublishProgramme } from '../domain/programme.commands';
import { RegisterQueries } from '../read-models/register/register.queries';
import { programmeAggregate } from './programme.aggregate';

/**
 * POST /programmes. Two rules over other records: the institution must be registered (its district goes into the
 * programme), and an institution publishes one programme per code and year. A lock on that triple keeps two
 * concurrent publications from both passing the check.
 */
@Injectable()
export class PublishProgrammeUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
    private readonly dataSource: DataSource,
  ) {}

  execute(
    programmeId: string,
    body: Omit<PublishProgramme['data'], 'programmeId' | 'district'>,
    actor: Principal | Actor,
  ) {
    return this.dataSource.transaction(async (manager) => {
      // An advisory lock is no write, so the append below stays the transaction's first write (see EventStore.append).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `programme:${body.institutionBin}:${body.code}:${body.fiscalYear}`,
      ]);
      const institution = await this.register.institution(body.institutionBin, manager);
      if (!institution)
        throw new ValidationFailedError(
          'institutionBin',
          `institutionBin ${body.institutionBin} is not a registered institution`,
        );
      const taken = (await this.register.programmesByCode(body.institutionBin, body.code, manager)).find(
        (p) => p.fiscalYear === body.fiscalYear,
      );
      if (taken)
        throw new ConflictError(
          'programme_exists',
          `Programme ${body.code} of ${body.fiscalYear} is already published`,
          {
            programmeId: taken.id,
          },
        );
      const data = { programmeId, ...body, district: institution.district };
      return this.commands.execute(programmeAggregate, programmeId, 'PublishProgramme', data, actor, {
        expectedVersion: 0,
        manager,
      });
    });
  }
}
