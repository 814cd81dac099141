import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';
import { Link } from './link.component';
import { CommandFailureNotice, SuccessNotice } from './notices.component';

/**
 * The column of a record's page where the signed-in role takes its steps: what the last step did or why it was
 * refused, the steps' forms, a button to read the record again and, for an auditor, the way to its audit.
 */
export function RecordSteps(props: {
  done: string | null;
  failure: unknown;
  onReload: () => void;
  reloadLabel: string;
  reloadTestId?: string;
  audit?: { href: string; label: string };
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('case.actions')}</h2>
      {props.done && <SuccessNotice text={props.done} />}
      <CommandFailureNotice failure={props.failure} onReload={props.onReload} />
      {props.children}
      <p>
        <button type="button" class="secondary" data-testid={props.reloadTestId} onClick={props.onReload}>
          {props.reloadLabel}
        </button>
      </p>
      {props.audit && (
        <p>
          <Link href={props.audit.href}>{props.audit.label}</Link>
        </p>
      )}
    </>
  );
}
