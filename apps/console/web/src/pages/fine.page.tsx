import { useState } from 'preact/hooks';
import { answer, api } from '../api';
import { FineCaveats, FineTermsFacts } from '../components/fine-terms.component';
import { RoleLink } from '../components/role-link.component';
import { Link } from '../components/link.component';
import { AppealForm, DecideAppealForm, PaymentForm } from '../components/fine-step-forms.component';
import { SuccessNotice } from '../components/notices.component';
import { PageHeading } from '../components/page-heading.component';
import { ReadState } from '../components/read-state.component';
import { forRoles } from '../components/requires-role.component';
import { districtName } from '../districts';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { offenceName } from '../labels/fine.labels';
import { useSession } from '../session';
import { useRead } from '../use-read';
import { Fact } from '../components/fact.component';
import { StatusLine } from '../components/status-line.component';

const loadFine = async (id: string) => {
  const { data } = await answer(api.fines.GET('/fines/{id}', { params: { path: { id } } }));
  if (!('offenceType' in data)) throw new Error('a fine read without ?asOf= is the register row');
  return data;
};

/** Statuses in which a payment is still taken (the service refuses any other with 409). */
const PAYABLE = ['issued', 'overdue'];

export const FinePage = forRoles(['official', 'auditor', 'inspector', 'moderator'], 'fine.title', FineView);

/**
 * One fine: its status, the amount and how it was set (MCI multiples at the MCI in force), the discount and its
 * deadline, the due date (flagged when the working-day calendar of its year is not verified, the amount when the MCI
 * of its year is not), what was paid, the appeal. An official books a payment, records an appeal and decides it here,
 * each sent with If-Match.
 */
function FineView(props: { id: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const signedIn = useSession();
  const read = useRead(() => loadFine(props.id), [props.id]);
  const [done, setDone] = useState<string | null>(null);
  if (read.failure || !read.data) return <ReadState read={read} />;
  const f = read.data;
  const yesNo = (value: boolean) => (value ? t('fine.yes') : t('fine.no'));
  /** A form's command went through: the page says so (its words) and reads the fine again. */
  const doneWith = (words: string) => () => {
    setDone(t(words));
    read.reload();
  };

  return (
    <section>
      <PageHeading title={`${offenceName(t, f.offenceType)} — ${f.place}`} />
      <StatusLine label={t('case.status')} status={f.status} text={t(`fineStatus.${f.status}`)} testId="fine-status" />
      <FineCaveats fine={f} />
      <div class="columns">
        <dl class="facts" data-testid="fine-facts">
          <Fact label={t('fine.number')}>
            <code>{f.id}</code>
          </Fact>
          <Fact label={t('fine.legalReference')} lang="en">
            {f.legalReference}
          </Fact>
          <Fact label={t('fine.offender')}>
            {t(`offender.${f.offenderCategory}`)}
            {/* The BIN of a business, for officials and auditors (others read the fine without it). */}
            {'offenderBin' in f && f.offenderBin && (
              <>
                {' '}
                (<code>{f.offenderBin}</code>)
              </>
            )}
          </Fact>
          <Fact label={t('fine.committed')}>{format.dateTime(f.committedAt)}</Fact>
          <Fact label={t('report.district')}>{districtName(t, f.district)}</Fact>
          <FineTermsFacts fine={f} testIdPrefix="fine-" />
          <Fact label={t('fine.issued')}>{format.dateTime(f.issuedAt)}</Fact>
        </dl>
        <dl class="facts" data-testid="fine-payment">
          <Fact label={t('fine.paid')} testId="fine-paid">
            {format.money(f.paidTiyn)}
          </Fact>
          <Fact label={t('fine.paidAt')}>{format.dateTime(f.paidAt)}</Fact>
          <Fact label={t('fine.discountApplied')}>{yesNo(f.discountApplied)}</Fact>
          <Fact label={t('fine.balance')} testId="fine-balance">
            {format.money(f.balanceTiyn)}
          </Fact>
          <Fact label={t('fine.appealed')}>
            {format.dateTime(f.appealedAt)}
            {f.appealDecision && ` — ${t(`appeal.${f.appealDecision}`)}`}
          </Fact>
          <Fact label={t('fine.overdueAt')}>{format.dateTime(f.overdueAt)}</Fact>
          <Fact label={t('fine.enforcementAt')}>{format.dateTime(f.enforcementAt)}</Fact>
          {f.caseId && (
            <Fact label={t('fine.case')}>
              <Link href={`/cases/${f.caseId}`}>
                <code>{f.caseId}</code>
              </Link>
            </Fact>
          )}
        </dl>
      </div>
      {done && <SuccessNotice text={done} />}
      {signedIn?.role === 'official' && PAYABLE.includes(f.status) && (
        <PaymentForm fine={f} onDone={doneWith('fine.payment.done')} onReload={read.reload} />
      )}
      {signedIn?.role === 'official' && f.status === 'issued' && !f.appealedAt && (
        <AppealForm fine={f} onDone={doneWith('fine.appeal.done')} onReload={read.reload} />
      )}
      {signedIn?.role === 'official' && f.status === 'appealed' && (
        <DecideAppealForm fine={f} onDone={doneWith('fine.decide.done')} onReload={read.reload} />
      )}
      <RoleLink role="auditor" href={`/audit/fine/${f.id}`}>
        {t('fine.audit')}
      </RoleLink>
    </section>
  );
}
