import { Counter, type Registry } from 'prom-client';

const cache = new WeakMap<Registry, MessagingMetrics>();

/** Counters of the message flow, one set per service registry (the embedded default has four). */
export class MessagingMetrics {
  readonly consumed: Counter<'topic' | 'event_type'>;
  readonly redeliveredIgnored: Counter<'consumer'>;
  readonly deadLettered: Counter<'topic' | 'reason'>;
  readonly skippedUnknownType: Counter<'topic'>;
  readonly published: Counter<'topic'>;
  readonly quarantined: Counter<'topic' | 'status'>;
  readonly runs: Counter<'outcome'>;
  readonly runMessages: Counter;
  readonly transientFailures: Counter<'reason'>;
  readonly staleIgnored: Counter<'topic'>;
  readonly chainMismatches: Counter<'topic'>;
  readonly parked: Counter<'reason'>;

  private constructor(registry: Registry) {
    const registers = [registry];
    /** A counter of this service's registry, with the labels given (none: one plain series). */
    const counter = <L extends string = string>(name: string, help: string, labelNames?: readonly L[]) =>
      new Counter<L>({ name, help, ...(labelNames && { labelNames }), registers });
    this.consumed = counter('messages_consumed_total', 'Messages whose handler committed', ['topic', 'event_type']);
    this.redeliveredIgnored = counter(
      'messages_redelivered_ignored_total',
      'Redelivered messages the inbox recognised and ignored',
      ['consumer'],
    );
    this.deadLettered = counter('messages_dead_lettered_total', 'Messages sent to the dead-letter topic', [
      'topic',
      'reason',
    ]);
    this.skippedUnknownType = counter(
      'messages_skipped_unknown_type_total',
      'Messages of an event type this service does not handle',
      ['topic'],
    );
    this.runs = counter(
      'consumer_runs_total',
      'Runs of consecutive messages handled in one transaction: committed, or rolled_back and handled one by one',
      ['outcome'],
    );
    this.runMessages = counter(
      'consumer_run_messages_total',
      'Messages handled inside committed runs (the rest had a transaction each)',
    );
    this.transientFailures = counter(
      'consumer_transient_failures_total',
      'Handlings that failed for a reason of the infrastructure (database away, timeout, lost race): the partition paused and retried',
      ['reason'],
    );
    this.staleIgnored = counter(
      'messages_stale_ignored_total',
      'Messages older than, or the same as, the last version applied of their stream: ignored',
      ['topic'],
    );
    this.chainMismatches = counter(
      'envelope_chain_mismatches_total',
      'ALARM: messages whose hash chain forks the one this consumer has seen of their stream (dead-lettered as chain_mismatch)',
      ['topic'],
    );
    this.parked = counter(
      'messages_parked_total',
      'Messages parked until their predecessor or an awaited fact arrives',
      ['reason'],
    );
    this.published = counter('outbox_published_total', 'Events the outbox relay published', ['topic']);
    this.quarantined = counter(
      'outbox_quarantined_total',
      'Events the outbox relay set aside: quarantined (failed its contract) or held (behind one)',
      ['topic', 'status'],
    );
  }

  static of(registry: Registry): MessagingMetrics {
    let metrics = cache.get(registry);
    if (!metrics) {
      metrics = new MessagingMetrics(registry);
      cache.set(registry, metrics);
    }
    return metrics;
  }
}
