import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';

/**
 * One step a role may take on a record: a form named by its heading (`<words>.title`), its fields, and its one button
 * (`<words>.submit`, red for a refusal). The page checks and sends it; the browser's own validation stays off, so
 * every error is the page's, in the reader's language.
 */
export function StepForm(props: {
  words: string;
  busy: boolean;
  danger?: boolean;
  /** Its heading's id, when the page holds several forms of the same words (one per record). */
  titleId?: string;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const titleId = props.titleId ?? `${props.words.replace(/\./g, '-')}-title`;
  return (
    <form
      class="form panel"
      noValidate
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <h3 id={titleId}>{t(`${props.words}.title`)}</h3>
      {props.children}
      <button type="submit" class={props.danger ? 'danger' : undefined} disabled={props.busy}>
        {t(`${props.words}.submit`)}
      </button>
    </form>
  );
}
