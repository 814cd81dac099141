import type { ComponentChildren } from 'preact';
import { answer, api } from '../api';
import { parseTenge } from '../format/money';
import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';
import { useDraftForm } from '../use-draft-form';
import { commandHeader, useSend, type CommandHeader } from '../use-send';
import { CodeField, ProseField, SelectField } from './field.component';
import { MoneyField } from './money-field.component';
import { CommandFailureNotice } from './notices.component';
import { StepForm } from './step-form.component';

/** What the forms need of the fine: which, at which version, for how much. */
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
 * a stale version above all, is the form's to show (`FineStepForm`); what was typed stays, since only a success
 * empties the form (`emptyForm`) and tells the page.
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

/** One step an official takes on the fine: its form, the command's refusal if any, and its fields. */
function FineStepForm(props: {
  words: string;
  command: ReturnType<typeof useFineCommand>;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
}) {
  return (
    <StepForm words={props.words} busy={props.command.busy} onSubmit={() => void props.onSubmit()}>
      {props.command.notice}
      {props.children}
    </StepForm>
  );
}

/** An official books a payment: the amount in tenge and the bank's reference, which books it once. */
export function PaymentForm(props: Props) {
  const { t } = useI18n();
  const { draft, bind, check, reset } = useDraftForm('payment', { amount: '', paymentId: '' });
  const command = useFineCommand(props, reset);

  const submit = async () => {
    const amount = parseTenge(draft.amount);
    if (!check(amount === null || amount === 0 ? { amount: t('case.error.money') } : {})) return;
    const paymentId = draft.paymentId.trim();
    await command.send((header) =>
      answer(
        api.fines.POST('/fines/{id}/payments', {
          params: { path: { id: props.fine.id }, header },
          body: { amountTiyn: amount!, ...(paymentId && { paymentId }) },
        }),
      ),
    );
  };

  return (
    <FineStepForm words="fine.payment" command={command} onSubmit={submit}>
      <MoneyField {...bind('amount')} label={t('fine.payment.amount')} mandatory />
      <CodeField
        {...bind('paymentId')}
        label={t('fine.payment.reference')}
        hint={t('fine.payment.referenceHint')}
        maxLength={100}
      />
    </FineStepForm>
  );
}

/** An official records the offender's appeal against an issued fine: its grounds, as the offender gave them. */
export function AppealForm(props: Props) {
  const { t } = useI18n();
  const { draft, bind, check, reset } = useDraftForm('appeal', { reason: '' });
  const command = useFineCommand(props, reset);

  const submit = async () => {
    const reason = draft.reason.trim();
    if (!check(reason ? {} : { reason: t('case.error.reason') })) return;
    await command.send((header) =>
      answer(
        api.fines.POST('/fines/{id}/appeal', { params: { path: { id: props.fine.id }, header }, body: { reason } }),
      ),
    );
  };

  return (
    <FineStepForm words="fine.appeal" command={command} onSubmit={submit}>
      <ProseField {...bind('reason')} label={t('fine.appeal.reason')} hint={t('fine.appeal.reasonHint')} mandatory />
    </FineStepForm>
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
  const command = useFineCommand(props, reset);
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
    await command.send((header) =>
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
    <FineStepForm words="fine.decide" command={command} onSubmit={submit}>
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
      <ProseField {...bind('reason')} label={t('fine.decide.reason')} optional />
    </FineStepForm>
  );
}
