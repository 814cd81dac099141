import { answer, api } from '../api';
import { parseTenge } from '../format/money';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useDraftForm } from '../use-draft-form';
import { commandHeader, useSend, type CommandHeader } from '../use-send';
import { SelectField, TextAreaField } from './field.component';
import { MoneyField } from './money-field.component';
import { CommandFailureNotice } from './notices.component';
import { StepForm } from './step-form.component';

/** What the two forms need of the fine: which, at which version, for how much. */
interface FineAtVersion {
  id: string;
  version: number;
  amountTiyn: number;
  paidTiyn: number;
}

/** The outcomes fines' DecideAppealDto takes. */
const DECISIONS = ['upheld', 'reduced', 'cancelled'] as const;
type Decision = (typeof DECISIONS)[number];

interface Props {
  fine: FineAtVersion;
  /** The command went through: the page says so and reads the fine again. */
  onDone: () => void;
  onReload: () => void;
}

/**
 * Sends one command on the fine at the version the page read (If-Match), with a fresh Idempotency-Key. A refusal,
 * a stale version above all, is the form's to show; what was typed stays, since only a success empties the form
 * (`emptyForm`) and tells the page.
 */
function useFineCommand(props: Props, emptyForm: () => void) {
  const { failure, setFailure, busy, send } = useSend();
  const command = async (request: (header: CommandHeader) => Promise<unknown>) => {
    if (!(await send(() => request(commandHeader(props.fine.version))))) return;
    emptyForm();
    props.onDone();
  };
  const notice = (
    <CommandFailureNotice
      failure={failure}
      onReload={() => {
        setFailure(null);
        props.onReload();
      }}
    />
  );
  return { busy, send: command, notice };
}

/** An official records the offender's appeal against an issued fine: its grounds, as the offender gave them. */
export function AppealForm(props: Props) {
  const { t } = useI18n();
  const { draft, bind, check, reset } = useDraftForm('appeal', { reason: '' });
  const { busy, send, notice } = useFineCommand(props, reset);

  const submit = async () => {
    const reason = draft.reason.trim();
    if (!check(reason ? {} : { reason: t('case.error.reason') })) return;
    await send((header) =>
      answer(
        api.fines.POST('/fines/{id}/appeal', { params: { path: { id: props.fine.id }, header }, body: { reason } }),
      ),
    );
  };

  return (
    <StepForm words="fine.appeal" busy={busy} onSubmit={() => void submit()}>
      {notice}
      <TextAreaField
        {...bind('reason')}
        label={t('fine.appeal.reason')}
        hint={t('fine.appeal.reasonHint')}
        mandatory
        rows={3}
        maxLength={2000}
      />
    </StepForm>
  );
}

/**
 * An official decides the appeal: upheld (the full amount due again), reduced (to a new amount, below the fine and
 * above what is paid) or cancelled; the grounds are optional.
 */
export function DecideAppealForm(props: Props) {
  const { t } = useI18n();
  const format = useFormat();
  const { draft, bind, check, reset } = useDraftForm('decide', { decision: '', newAmount: '', reason: '' });
  const { busy, send, notice } = useFineCommand(props, reset);
  const { amountTiyn, paidTiyn } = props.fine;

  const submit = async () => {
    const decision = draft.decision as Decision | '';
    const newAmount = decision === 'reduced' ? parseTenge(draft.newAmount) : null;
    const ok = check({
      ...(!decision && { decision: t('fine.decide.error.decision') }),
      ...(decision === 'reduced' &&
        (newAmount === null || newAmount >= amountTiyn || newAmount <= paidTiyn) && {
          newAmount: t('fine.decide.error.amount', {
            amount: format.money(amountTiyn),
            paid: format.money(paidTiyn),
          }),
        }),
    });
    if (!ok) return;
    const reason = draft.reason.trim();
    await send((header) =>
      answer(
        api.fines.POST('/fines/{id}/decide-appeal', {
          params: { path: { id: props.fine.id }, header },
          body: {
            decision: decision as Decision,
            ...(newAmount !== null && { newAmountTiyn: newAmount }),
            ...(reason && { reason }),
          },
        }),
      ),
    );
  };

  return (
    <StepForm words="fine.decide" busy={busy} onSubmit={() => void submit()}>
      {notice}
      <SelectField
        {...bind('decision')}
        label={t('fine.decide.decision')}
        mandatory
        empty={t('form.choose')}
        options={DECISIONS.map((d) => ({ value: d, label: t(`fine.decide.${d}`) }))}
      />
      {draft.decision === 'reduced' && (
        <MoneyField {...bind('newAmount')} label={t('fine.decide.newAmount')} mandatory />
      )}
      <TextAreaField {...bind('reason')} label={t('fine.decide.reason')} optional rows={3} maxLength={2000} />
    </StepForm>
  );
}
