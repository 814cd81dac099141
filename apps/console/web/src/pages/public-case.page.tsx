import { api, ApiError, dataOf } from '../api';
import { LinkLine } from '../components/link.component';
import { ErrorNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { StepsTimeline } from '../components/steps-timeline.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';
import { StatusLine } from '../components/status-line.component';

const loadCase = async (id: string) => dataOf(api.roadCases.GET('/cases/{id}/public', { params: { path: { id } } }));

/**
 * A road case as anyone may see it, without signing in: its status, its deadline and its steps so far, from road-cases'
 * public view (which holds no report ids, no contractor identity and no costs: those are the staff's case page's).
 */
export function PublicCasePage(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const read = useRead(() => loadCase(props.id), [props.id]);
  const title = t('publicCase.title');

  if (read.failure instanceof ApiError && read.failure.status === 404)
    return (
      <section>
        <PageHeading title={title} />
        <p class="notice notice-error" role="alert">
          {t('publicCase.notFound')}
        </p>
        <LinkLine href="/map">{t('publicCase.toMap')}</LinkLine>
      </section>
    );
  if (read.failure !== null)
    return (
      <section>
        <PageHeading title={title} />
        <ErrorNotice error={read.failure} />
      </section>
    );
  if (!read.data)
    return (
      <section>
        <PageHeading title={title} />
        <p role="status">{t('form.loading')}</p>
      </section>
    );

  const c = read.data;
  return (
    <section>
      <PageHeading title={title} lead={t('publicCase.intro')} />
      <article class="panel" aria-labelledby="public-case-heading">
        <h2 id="public-case-heading">
          {t(`defect.${c.defectType}`)} — {districtName(t, c.district)}
        </h2>
        <StatusLine
          label={t('follow.status')}
          status={c.status}
          text={t(`caseStatus.${c.status}`)}
          testId="public-case-status"
        >
          {c.overdue && <strong class="badge badge-overdue"> {t('case.overdue')}</strong>}
        </StatusLine>
        <dl class="facts">
          <Fact label={t('publicCase.number')}>
            <code>{c.id}</code>
          </Fact>
          <Fact label={t('report.district')}>{districtName(t, c.district)}</Fact>
          <Fact label={t('follow.due')}>{format.dateTime(c.dueAt)}</Fact>
        </dl>
        <h3>{t('follow.timeline')}</h3>
        <StepsTimeline
          testId="public-case-timeline"
          steps={[
            { label: t('publicCase.step.opened'), at: c.openedAt },
            { label: t('follow.step.verified'), at: c.verifiedAt },
            { label: t('follow.step.assigned'), at: c.assignedAt },
            { label: t('follow.step.repairAccepted'), at: c.acceptedAt },
            { label: t('follow.step.closed'), at: c.closedAt },
          ]}
        />
      </article>
      <LinkLine href="/map">{t('publicCase.toMap')}</LinkLine>
    </section>
  );
}
