import { Injectable } from '@nestjs/common';
import { EventStore, StreamReads, type HistoryQueryDto } from '@app/event-store';
import { ForbiddenError, mustExist } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import { CaseQueries, type CaseListFilter } from '../read-models/case-board/case-board.queries';
import type { CaseRow } from '../read-models/case-board/case-board.columns';
import { roadCaseAggregate } from './road-case.aggregate';

const OWN_CASES_ONLY = 'A contractor sees only its own cases';

/** A principal who is a contractor and nothing that reads every case (official, inspector, auditor). */
function isOnlyContractor(reader: Principal): boolean {
  return (
    reader.roles.includes('contractor') &&
    !reader.roles.some((r) => r === 'official' || r === 'inspector' || r === 'auditor')
  );
}

/** Before a command's own checks (a contract looked up, a BIN): an unknown case is a 404 first. */
export async function requireCase(store: EventStore, caseId: string): Promise<void> {
  mustExist(await store.currentVersion(caseId), 'Case', caseId);
}

/** The reads of road cases, and the one rule over who reads them: a contractor sees only its own cases. */
@Injectable()
export class CaseReads {
  constructor(
    private readonly queries: CaseQueries,
    private readonly reads: StreamReads,
  ) {}

  /** A contractor's list is of its own cases (asking for another contractor's is refused). */
  list(filter: CaseListFilter, reader: Principal) {
    if (!isOnlyContractor(reader)) return this.queries.list(filter);
    if (filter.contractorBin && filter.contractorBin !== reader.bin) throw new ForbiddenError(OWN_CASES_ONLY);
    return this.queries.list({ ...filter, contractorBin: reader.bin });
  }

  /** The case now, from the board. */
  async one(id: string, reader: Principal): Promise<CaseRow> {
    return (await this.guardContractor(id, reader)) ?? mustExist(await this.queries.one(id), 'Case', id);
  }

  /** The case as it stood at a version or an ISO time, from its events. */
  async asOf(id: string, asOf: string, reader: Principal) {
    await this.guardContractor(id, reader);
    return this.reads.asOf(roadCaseAggregate, id, asOf);
  }

  async history(id: string, query: HistoryQueryDto, reader: Principal) {
    await this.guardContractor(id, reader);
    return this.reads.history(roadCaseAggregate, id, query);
  }

  /** What anyone may see of a case. */
  async publicStatus(id: string) {
    return mustExist(await this.queries.publicStatus(id), 'Case', id);
  }

  /** For a contractor, the case row it was checked against (so the caller need not read it again); otherwise undefined. */
  private async guardContractor(id: string, reader: Principal): Promise<CaseRow | undefined> {
    if (!isOnlyContractor(reader)) return undefined;
    const row = mustExist(await this.queries.one(id), 'Case', id);
    if (row.contractorBin !== reader.bin) throw new ForbiddenError(OWN_CASES_ONLY);
    return row;
  }
}
