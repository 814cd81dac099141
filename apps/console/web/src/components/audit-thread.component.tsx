import { useEffect, useState } from 'preact/hooks';
import { streamKindOf, threadAcross, type ThreadEvent, type ThreadService } from '../audit/audit-reads';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { ColumnHeads } from './data-table.component';
import { Link } from './link.component';
import { ErrorNotice } from './notices.component';

type Thread = Awaited<ReturnType<typeof threadAcross>>;

/**
 * The thread a record belongs to across the four services (what `npm run audit:thread` prints): every event that
 * carries its correlation id, whichever service recorded it, in the order they were recorded, each record linked to
 * its own audit where the console has one. A service that could not be read is said, never left out silently.
 */
export function AuditThread(props: { correlationId: string; current: { streamId: string } }) {
  const { t } = useI18n();
  const format = useFormat();
  const [thread, setThread] = useState<Thread | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let open = true;
    threadAcross(props.correlationId).then(
      (read) => open && setThread(read),
      (error: unknown) => open && setFailure(error),
    );
    return () => {
      open = false;
    };
  }, [props.correlationId]);

  const label = (event: ThreadEvent) => {
    const key = `event.${event.type}`;
    const text = t(key);
    return text === key ? null : text;
  };

  return (
    <section aria-labelledby="audit-thread-title" data-testid="audit-thread">
      <h3 id="audit-thread-title">{t('audit.thread.title')}</h3>
      <p>
        {t('audit.thread.intro')} <code>{props.correlationId}</code>
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      {thread === null && failure === null && <p role="status">{t('form.loading')}</p>}
      {thread?.unread.map(({ service, error }) => (
        <div key={service} data-unread={service}>
          <p>{t('audit.thread.unread', { service: t(`audit.thread.service.${service}`) })}</p>
          <ErrorNotice error={error} />
        </div>
      ))}
      {thread && (
        // Focusable, so a keyboard can scroll it where the screen is narrower than the table.
        <div class="table-wrap" role="region" aria-labelledby="audit-thread-title" tabIndex={0}>
          <table class="cases">
            <caption class="visually-hidden">{t('audit.thread.title')}</caption>
            <ColumnHeads
              labels={[
                t('audit.thread.when'),
                t('audit.thread.service'),
                t('audit.thread.record'),
                t('audit.thread.event'),
              ]}
            />
            <tbody>
              {thread.events.map((event) => {
                const kind = streamKindOf(event.streamType);
                const here = event.streamId === props.current.streamId;
                return (
                  <tr key={event.eventId} data-service={event.service} data-stream={event.streamId}>
                    <td>{format.dateTime(event.recordedAt)}</td>
                    <td>{t(`audit.thread.service.${event.service satisfies ThreadService}`)}</td>
                    <td>
                      <code lang="en">{event.streamType}</code>{' '}
                      {kind && !here ? (
                        <Link href={`/audit/${kind}/${event.streamId}`}>
                          <code>{event.streamId}</code>
                        </Link>
                      ) : (
                        <code>{event.streamId}</code>
                      )}
                      {here && ` (${t('audit.thread.this')})`}
                    </td>
                    <td>
                      {label(event) ?? ''} <code lang="en">{event.type}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
