import { useEffect, useRef, useState } from 'preact/hooks';
import {
  inclusionOf,
  isStreamKind,
  justAfter,
  recordAsOf,
  STREAM_KIND_NAMES,
  STREAM_KINDS,
  streamHistory,
  verifyChain,
  type Inclusion,
  type RecordAsOf,
  type StreamEvent,
  type StreamKind,
} from '../audit/audit-reads';
import { AuditEventList } from '../components/audit-events.component';
import { AuditThread } from '../components/audit-thread.component';
import { CodeField, SelectField } from '../components/field.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { RequiresRole } from '../components/requires-role.component';
import { SearchForm } from '../components/search-form.component';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router';
import { useDraftForm } from '../use-draft-form';
import { Fact } from '../components/fact.component';
import { StatusLine } from '../components/status-line.component';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An institution's stream is named by its BIN; every other record by a UUID. */
const isRecordNumber = (kind: StreamKind, id: string) => (kind === 'institution' ? /^\d{12}$/.test(id) : UUID.test(id));

/** The auditor's page: pick a record (a case, a report, a fine, a programme), then read its thread. */
export function AuditPage(props: { kind?: string; id?: string }) {
  const { t } = useI18n();
  const kind = props.kind && isStreamKind(props.kind) ? props.kind : undefined;
  return (
    <RequiresRole roles={['auditor']} title={t('audit.title')}>
      <section>
        <PageHeading title={t('audit.title')} lead={t('audit.intro')} />
        <StreamChooser kind={kind} id={props.id} />
        {kind && props.id && <StreamAudit key={`${kind}/${props.id}`} kind={kind} id={props.id} />}
      </section>
    </RequiresRole>
  );
}

function StreamChooser(props: { kind?: StreamKind; id?: string }) {
  const { t } = useI18n();
  const { draft, bind, check } = useDraftForm<{ kind: StreamKind; id: string }>('audit', {
    kind: props.kind ?? 'case',
    id: props.id ?? '',
  });
  return (
    <SearchForm
      label={t('audit.choose')}
      onSubmit={() => {
        const id = draft.id.trim();
        const ok = check(
          isRecordNumber(draft.kind, id)
            ? {}
            : { id: t(draft.kind === 'institution' ? 'audit.error.bin' : 'audit.error.id') },
        );
        if (ok) navigate(`/audit/${draft.kind}/${id}`);
      }}
    >
      <SelectField
        {...bind('kind')}
        label={t('audit.kind')}
        options={STREAM_KIND_NAMES.map((k) => ({ value: k, label: t(`audit.kind.${k}`) }))}
      />
      <CodeField {...bind('id')} label={t('audit.id')} />
      <button type="submit">{t('audit.open')}</button>
    </SearchForm>
  );
}

type Chain = Awaited<ReturnType<typeof verifyChain>>;

/**
 * One record's thread: every event with its metadata and where it stands in the log, the record as it stood at any
 * of them (a slider over its versions, read again from the service with ?asOf=), and its hash chain recomputed.
 */
function StreamAudit(props: { kind: StreamKind; id: string }) {
  const { t } = useI18n();
  const [events, setEvents] = useState<StreamEvent[] | null>(null);
  const [chain, setChain] = useState<Chain | null>(null);
  const [inclusions, setInclusions] = useState<Record<string, Inclusion>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [chainFailure, setChainFailure] = useState<unknown>(null);
  const [position, setPosition] = useState(0);

  useEffect(() => {
    let open = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The receipts of events no signed checkpoint covers yet are asked for again until one does (every few seconds).
    const readReceipts = async (read: StreamEvent[], known: Record<string, Inclusion>) => {
      const asked = read.filter((e) => known[e.eventId]?.state !== 'included');
      const found = await Promise.all(asked.map((e) => inclusionOf(props.kind, e.eventId)));
      const now = { ...known, ...Object.fromEntries(asked.map((e, i) => [e.eventId, found[i]])) };
      if (!open) return;
      setInclusions(now);
      if (found.some((f) => f.state === 'pending')) retry = setTimeout(() => void readReceipts(read, now), 5000);
    };
    streamHistory(props.kind, props.id).then((read) => {
      if (!open) return;
      setEvents(read);
      setPosition(read.length);
      void readReceipts(read, {});
    }, setFailure);
    verifyChain(props.kind, props.id).then(setChain, setChainFailure);
    return () => {
      open = false;
      clearTimeout(retry);
    };
  }, [props.kind, props.id]);

  if (failure) return <ErrorNotice error={failure} />;
  if (!events) return <p role="status">{t('form.loading')}</p>;
  if (events.length === 0) return <p>{t('audit.empty')}</p>;

  return (
    <article aria-labelledby="audit-record-title">
      <h2 id="audit-record-title">
        {t(`audit.kind.${props.kind}`)} <code>{props.id}</code>
      </h2>
      <div class="columns">
        <div>
          <AsOfSlider kind={props.kind} id={props.id} events={events} position={position} onMove={setPosition} />
        </div>
        <div>
          <h3>{t('audit.chain.title')}</h3>
          {chainFailure !== null && <ErrorNotice error={chainFailure} />}
          {chain ? <ChainStatus chain={chain} /> : chainFailure === null && <p role="status">{t('form.loading')}</p>}
        </div>
      </div>
      <h3>{t('audit.events')}</h3>
      <AuditEventList events={events} position={position} inclusions={inclusions} />
      <AuditThread correlationId={events[0].metadata.correlationId} current={{ streamId: props.id }} />
    </article>
  );
}

/** The record as it stood just after the chosen event, asked of the service each time the slider moves. */
function AsOfSlider(props: {
  kind: StreamKind;
  id: string;
  events: StreamEvent[];
  position: number;
  onMove: (position: number) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [record, setRecord] = useState<RecordAsOf | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Only the latest move's answer is shown: a slow answer for an earlier position must not overwrite it.
  const latest = useRef(0);
  const chosen = props.events[props.position - 1];

  useEffect(() => {
    if (!chosen) return;
    const asked = ++latest.current;
    recordAsOf(props.kind, props.id, justAfter(chosen.recordedAt)).then(
      (read) => {
        if (asked !== latest.current) return;
        setRecord(read);
        setFailure(null);
      },
      (caught) => {
        if (asked === latest.current) setFailure(caught);
      },
    );
  }, [props.kind, props.id, chosen?.eventId]);

  const describe = (event: StreamEvent) =>
    t('audit.asOf.step', {
      version: event.streamVersion,
      event: t(`event.${event.type}`),
      when: format.dateTime(event.recordedAt),
    });
  const status = record ? `${STREAM_KINDS[props.kind].statusWords}.${record.status}` : '';
  return (
    <div class="panel as-of">
      <h3>{t('audit.asOf.title')}</h3>
      <div class="field">
        <label for="audit-asof">{t('audit.asOf.label')}</label>
        <p id="audit-asof-hint" class="hint">
          {t('audit.asOf.hint')}
        </p>
        <input
          id="audit-asof"
          type="range"
          min={1}
          max={props.events.length}
          step={1}
          value={props.position}
          aria-describedby="audit-asof-hint"
          aria-valuetext={chosen ? describe(chosen) : undefined}
          onInput={(e) => props.onMove(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </div>
      {chosen && (
        <p>
          <output for="audit-asof" data-testid="as-of-step">
            {describe(chosen)}
          </output>
        </p>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      {record && (
        <div aria-live="polite">
          <StatusLine label={t('audit.asOf.status')} status={record.status} text={t(status)} testId="as-of-status" />
          <dl class="facts">
            <Fact label={t('audit.asOf.version')} testId="as-of-version">
              {record.version}
            </Fact>
            <Fact label={t('audit.asOf.recordedAt')}>{format.dateTime(record.asOfRecordedAt)}</Fact>
          </dl>
          <details>
            <summary>{t('audit.asOf.fields')}</summary>
            <pre lang="en">{JSON.stringify(record, null, 2)}</pre>
          </details>
        </div>
      )}
    </div>
  );
}

/** The service's recomputation of the stream's hash chain: intact, or the first events that break it. */
function ChainStatus(props: { chain: Chain }) {
  const { t } = useI18n();
  const format = useFormat();
  const { chain } = props;
  return (
    <div class={`notice ${chain.ok ? 'notice-success' : 'notice-error'}`} data-testid="chain-status" data-ok={chain.ok}>
      <p>
        <strong>{chain.ok ? t('audit.chain.ok') : t('audit.chain.broken')}</strong>{' '}
        {t('audit.chain.checked', { events: chain.eventsChecked, when: format.dateTime(chain.checkedAt) })}
      </p>
      {chain.problems.length > 0 && (
        <ul>
          {chain.problems.map((problem) => (
            <li key={problem.eventId}>
              {t('audit.chain.problem', { version: problem.streamVersion, kind: t(`audit.problem.${problem.kind}`) })}{' '}
              <span lang="en">{problem.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
