import type { Inclusion, StreamEvent } from '../audit/audit-reads';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { Fact } from './fact.component';

/** The first hex digits of a hash: enough to tell events apart on screen; the whole one is in its title. */
const short = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * A stream's events, oldest first, each with what the auditor checks: who did it in which role and through what,
 * the request and correlation it belongs to, its hash chained to the one before, and the signed checkpoint of the
 * transparency log that includes it. The events after the slider's moment are marked as later.
 */
export function AuditEventList(props: {
  events: StreamEvent[];
  position: number;
  inclusions: Record<string, Inclusion>;
}) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ol class="timeline audit-events" data-testid="audit-events">
      {props.events.map((event, index) => {
        const later = index >= props.position;
        const { metadata } = event;
        return (
          <li
            key={event.eventId}
            data-event={event.type}
            data-version={event.streamVersion}
            class={later ? 'later' : ''}
          >
            <span class="when">{format.dateTime(event.recordedAt)}</span>{' '}
            <strong class="what">
              {t('audit.asOf.version')} {event.streamVersion}: {t(`event.${event.type}`)}
            </strong>{' '}
            <code lang="en">{event.type}</code>
            {later && (
              <>
                {' '}
                <span class="badge badge-later">{t('audit.event.later')}</span>
              </>
            )}
            <dl class="facts">
              <Fact label={t('audit.event.actor')}>
                {t('timeline.by', { role: t(`role.${metadata.actorRole}`), actor: metadata.actorId })}
                {metadata.actorVia && ` (${t('audit.event.via', { via: metadata.actorVia })})`}
              </Fact>
              <Fact label={t('audit.event.occurred')}>{format.dateTime(event.occurredAt)}</Fact>
              <Fact label={t('audit.event.correlation')}>
                <code>{metadata.correlationId}</code>
              </Fact>
              <Fact label={t('audit.event.hash')}>
                <code title={event.hash}>{short(event.hash)}</code> {t('audit.event.after')}{' '}
                <code title={event.previousHash}>{short(event.previousHash)}</code>
              </Fact>
              <Fact label={t('audit.event.log')} testId="inclusion">
                <InclusionText inclusion={props.inclusions[event.eventId]} />
              </Fact>
            </dl>
            <details>
              <summary>{t('audit.event.data')}</summary>
              <pre lang="en">{JSON.stringify(event.data, null, 2)}</pre>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function InclusionText(props: { inclusion: Inclusion | undefined }) {
  const { t } = useI18n();
  const inclusion = props.inclusion;
  if (!inclusion) return <>{t('form.loading')}</>;
  if (inclusion.state === 'pending') return <>{t('audit.log.pending')}</>;
  if (inclusion.state === 'unknown') return <>{t('audit.log.unknown')}</>;
  return (
    <span data-state="included">
      {t('audit.log.included', { leaf: inclusion.leafIndex, size: inclusion.treeSize, signer: inclusion.signer })}{' '}
      {inclusion.witnesses.length > 0
        ? t('audit.log.witnessed', { witnesses: inclusion.witnesses.join(', ') })
        : t('audit.log.notWitnessed')}
    </span>
  );
}
