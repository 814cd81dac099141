import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';

/**
 * A list's filters: a search form named by `label`, its fields, its Apply button and, where the list changes
 * under the reader (a board others work on), a Refresh one. The page checks the fields; the browser's own
 * validation stays off, so every error is the page's, in the reader's language.
 */
export function FiltersForm(props: {
  label: string;
  onSubmit: () => void;
  onRefresh?: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <form
      class="form inline filters"
      role="search"
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <button type="submit">{t('board.apply')}</button>
      {props.onRefresh && (
        <button type="button" class="secondary" onClick={props.onRefresh}>
          {t('board.refresh')}
        </button>
      )}
    </form>
  );
}
