import { mustExist } from '@app/domain-kernel';
import {
  versioned,
  type AsOfQueryDto,
  type HistoryQueryDto,
  type ReadableAggregate,
  type StreamReads,
} from '@app/event-store';

/**
 * GET /<register>/{id} and /{id}/history, as every budgets register (institutions, programmes, contracts) answers
 * them, so the three controllers state it once: an entry the register does not hold is a 404 on both (checked before
 * any ?asOf= read of its stream); otherwise the entry now from the register, or as it stood at ?asOf= (a version or an
 * ISO time) from its events, and its events a page at a time.
 */
export class RegisterEntryReads<S, Row extends { version: number }> {
  constructor(
    private readonly reads: StreamReads,
    private readonly aggregate: ReadableAggregate<S>,
    /** The entry's register row by its id (a BIN for an institution). */
    private readonly find: (id: string) => Promise<Row | undefined>,
  ) {}

  async one(id: string, query: AsOfQueryDto) {
    const row = await this.row(id);
    if (query.asOf) return this.reads.asOf(this.aggregate, id, query.asOf);
    return versioned(row);
  }

  async history(id: string, query: HistoryQueryDto) {
    await this.row(id);
    return this.reads.history(this.aggregate, id, query);
  }

  private async row(id: string) {
    return mustExist(await this.find(id), this.aggregate.name, id);
  }
}
