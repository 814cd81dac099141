import { useState } from 'preact/hooks';
import { answer, api, ApiError, idempotencyKey, ifMatch } from '../api';
import { parseTenge } from '../format/money';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { draftBinder, SelectField, TextAreaField } from './field.component';
import { MoneyField } from './money-field.component';
import { ConflictNotice, ErrorNotice } from './notices.component';
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
 * a stale version above all, is the form's to show; what was typed stays, since only a success empties the form.
 */
function useFineCommand(props: Props) {
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (command: (header: { 'If-Match': string; 'Idempotency-Key': string }) => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await command({ 'If-Match': ifMatch(props.fine.version), 'Idempotency-Key': idempotencyKey() });
      return true;
    } catch (caught) {
      setFailure(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const notice =
    failure === null ? null : failure instanceof ApiError && failure.isVersionConflict ? (
      <ConflictNotice
        onReload={() => {
          setFailure(null);
          props.onReload();
        }}
      />
    ) : (
      <ErrorNotice error={failure} />
    );
  return { busy, send, notice };
}

/** An official records the offender's appeal against an issued fine: its grounds, as the offender gave them. */
export function AppealForm(props: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ reason: '' });
  const [errors, setErrors] = useState<{ reason?: string }>({});
  const bind = draftBinder('appeal', draft, errors, (change) => setDraft((d) => ({ ...d, ...change })));
  const { busy, send, notice } = useFineCommand(props);

  const submit = async () => {
    const reason = draft.reason.trim();
    setErrors(reason ? {} : { reason: t('case.error.reason') });
    if (!reason) {
      document.getElementById('appeal-reason')?.focus();
      return;
    }
    const done = await send((header) =>
      answer(
        api.fines.POST('/fines/{id}/appeal', { params: { path: { id: props.fine.id }, header }, body: { reason } }),
      ),
    );
    if (done) {
      setDraft({ reason: '' });
      props.onDone();
    }
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
  const [draft, setDraft] = useState({ decision: '', newAmount: '', reason: '' });
  const [errors, setErrors] = useState<{ decision?: string; newAmount?: string }>({});
  const bind = draftBinder('decide', draft, errors, (change) => setDraft((d) => ({ ...d, ...change })));
  const { busy, send, notice } = useFineCommand(props);
  const { amountTiyn, paidTiyn } = props.fine;

  const submit = async () => {
    const decision = draft.decision as Decision | '';
    const newAmount = decision === 'reduced' ? parseTenge(draft.newAmount) : null;
    const found = {
      ...(!decision && { decision: t('fine.decide.error.decision') }),
      ...(decision === 'reduced' &&
        (newAmount === null || newAmount >= amountTiyn || newAmount <= paidTiyn) && {
          newAmount: t('fine.decide.error.amount', {
            amount: format.money(amountTiyn),
            paid: format.money(paidTiyn),
          }),
        }),
    };
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`decide-${first}`)?.focus();
      return;
    }
    const reason = draft.reason.trim();
    const done = await send((header) =>
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
    if (done) {
      setDraft({ decision: '', newAmount: '', reason: '' });
      props.onDone();
    }
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
