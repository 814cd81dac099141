import { NotFoundError, type Decider, type DomainEvent } from '@app/domain-kernel';
import { PersonalDataKeyring, requestContext } from '@app/platform';
import { loadAggregate, type LoadedAggregate } from '../store/aggregate-loader';
import type { EventStore } from '../store/event-store';
import type { RecordedEvent } from '../store/recorded-event';
import { parseAsOf } from './as-of';
import type { HistoryQueryDto } from './history-query.dto';

export interface HistoryPage {
  streamId: string;
  events: Array<Omit<RecordedEvent, 'transactionId'>>;
  /** Pass as afterVersion for the next page; null on the last page. */
  nextAfterVersion: number | null;
}

/**
 * The generic reads every resource mounts: GET /<resource>/{id}?asOf= and GET /<resource>/{id}/history.
 * 404 for a stream with no events (or none yet at asOf).
 */
export class StreamReads {
  constructor(
    private readonly store: EventStore,
    /** Masks citizens' ids for a reader without the personal-data right (absent: events as stored). */
    private readonly keyring?: PersonalDataKeyring,
  ) {}

  /** An event as the current request's reader may see it (PersonalDataKeyring.maskedEvent). */
  forReader<E extends Omit<RecordedEvent, 'transactionId'>>(event: E): E {
    return this.keyring ? this.keyring.maskedEvent(event, requestContext.current()?.principal) : event;
  }

  async state<S, E extends DomainEvent>(
    resource: string,
    decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
    streamId: string,
    asOf?: string,
  ): Promise<LoadedAggregate<S>> {
    const loaded = await loadAggregate(this.store, decider, streamId, parseAsOf(asOf));
    if (loaded.version === 0) throw new NotFoundError(resource, asOf ? `${streamId} (as of ${asOf})` : streamId);
    const reader = requestContext.current()?.principal;
    return this.keyring && !this.keyring.mayRead(reader)
      ? { ...loaded, state: this.keyring.maskedRecord(loaded.state) }
      : loaded;
  }

  async history(resource: string, streamId: string, query: HistoryQueryDto): Promise<HistoryPage> {
    const limit = query.limit ?? 100;
    const events = await this.store.readHistory(streamId, query.afterVersion ?? 0, limit);
    if (events.length === 0 && !query.afterVersion && (await this.store.currentVersion(streamId)) === 0) {
      throw new NotFoundError(resource, streamId);
    }
    return {
      streamId,
      events: events.map(({ transactionId: _, ...event }) => this.forReader(event)),
      nextAfterVersion: events.length === limit ? events[events.length - 1].streamVersion : null,
    };
  }
}
