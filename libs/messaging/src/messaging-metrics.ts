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
    this.consumed = new Counter({
      name: 'messages_consumed_total',
      help: 'Messages whose handler committed',
      labelNames: ['topic', 'event_type'],
      registers,
    });
    this.redeliveredIgnored = new Counter({
      name: 'messages_redelivered_ignored_total',
      help: 'Redelivered messages the inbox recognised and ignored',
      labelNames: ['consumer'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'messages_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.skippedUnknownType = new Counter({
      name: 'messages_skipped_unknown_type_total',
      help: 'Messages of an event type this service does not handle',
      labelNames: ['topic'],
      registers,
    });
    this.runs = new Counter({
      name: 'consumer_runs_total',
      help: 'Runs of consecutive messages handled in one transaction: committed, or rolled_back and handled one by one',
      labelNames: ['outcome'],
      registers,
    });
    this.runMessages = new Counter({
      name: 'consumer_run_messages_total',
      help: 'Messages handled inside committed runs (the rest had a transaction each)',
      registers,
    });
    this.transientFailures = new Counter({
      name: 'consumer_transient_failures_total',
      help: 'Handlings that failed for a reason of the infrastructure (database away, timeout, lost race): the partition paused and retried',
      labelNames: ['reason'],
      registers,
    });
    this.staleIgnored = new Counter({
      name: 'messages_stale_ignored_total',
      help: 'Messages older than, or the same as, the last version applied of their stream: ignored',
      labelNames: ['topic'],
      registers,
    });
    this.chainMismatches = new Counter({
      name: 'envelope_chain_mismatches_total',
      help: 'ALARM: messages whose hash chain forks the one this consumer has seen of their stream (dead-lettered as chain_mismatch)',
      labelNames: ['topic'],
      registers,
    });
    this.parked = new Counter({
      name: 'messages_parked_total',
      help: 'Messages parked until their predecessor or an awaited fact arrives',
      labelNames: ['reason'],
      registers,
    });
    this.published = new Counter({
      name: 'outbox_published_total',
      help: 'Events the outbox relay published',
      labelNames: ['topic'],
      registers,
    });
    this.quarantined = new Counter({
      name: 'outbox_quarantined_total',
      help: 'Events the outbox relay set aside: quarantined (failed its contract) or held (behind one)',
      labelNames: ['topic', 'status'],
      registers,
    });
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
