import { parseTenge } from '../format/money';
import { useI18n } from '../i18n/i18n-context';
import { useReportFiling } from '../reports/report-filing';
import { useDraftForm } from '../use-draft-form';
import { ProseField } from './field.component';
import { MoneyField } from './money-field.component';
import { ErrorNotice } from './notices.component';
import { StepForm } from './step-form.component';

/** The budget line a doubt is about, as monitoring files it (the programme's institution, code and year). */
export interface BudgetLine {
  institutionBin: string;
  code: string;
  fiscalYear: number;
}

const EMPTY = { doubt: '', amount: '', description: '' };

/**
 * A citizen doubts a budget line (signed in or not): what they doubt and the sum in question, filed with monitoring
 * as a budget_execution report. The club reviews it; once accepted, budgets flags the programme with it.
 */
export function BudgetDoubtForm(props: { programme: BudgetLine }) {
  const { t } = useI18n();
  const { draft, bind, check, reset } = useDraftForm('doubt', EMPTY);
  const { failure, setFailure, busy, filed, another, file } = useReportFiling();

  const submit = async () => {
    const amount = parseTenge(draft.amount);
    setFailure(null);
    const ok = check({
      ...(!draft.doubt.trim() && { doubt: t('doubt.error.doubt') }),
      ...(amount === null && { amount: t('case.error.money') }),
    });
    if (!ok) return;
    const filing = await file({
      kind: 'budget_execution',
      description: draft.description.trim(),
      budget: {
        institutionBin: props.programme.institutionBin,
        programmeCode: props.programme.code,
        fiscalYear: props.programme.fiscalYear,
        doubt: draft.doubt.trim(),
        amountInQuestionTiyn: amount!,
      },
    });
    if (filing) reset();
  };

  if (filed)
    return (
      <div class="notice notice-success panel" role="status">
        <p>{t('doubt.filed')}</p>
        <p class="report-number">
          {t('report.filed.number')} <output data-testid="doubt-report-id">{filed.id}</output>
        </p>
        {filed.receipt && (
          <p>
            <a href={`/api/monitoring${filed.receipt}`}>{t('report.filed.receipt')}</a>
          </p>
        )}
        <button type="button" class="secondary" onClick={another}>
          {t('doubt.another')}
        </button>
      </div>
    );
  return (
    <StepForm words="doubt" busy={busy} onSubmit={() => void submit()}>
      <p class="hint">{t('doubt.intro')}</p>
      <ProseField {...bind('doubt')} label={t('doubt.doubt')} mandatory />
      <MoneyField {...bind('amount')} label={t('doubt.amount')} mandatory />
      <ProseField {...bind('description')} label={t('report.description')} optional rows={2} />
      {failure !== null && <ErrorNotice error={failure} />}
    </StepForm>
  );
}
