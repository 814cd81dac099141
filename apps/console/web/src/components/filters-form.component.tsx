import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n-context';
import { SearchForm } from './search-form.component';

/**
 * A list's filters: a search form named by `label`, its fields, its Apply button and, where the list changes
 * under the reader (a board others work on), a Refresh one.
 */
export function FiltersForm(props: {
  label: string;
  onSubmit: () => void;
  onRefresh?: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <SearchForm label={props.label} filters onSubmit={props.onSubmit}>
      {props.children}
      <button type="submit">{t('board.apply')}</button>
      {props.onRefresh && (
        <button type="button" class="secondary" onClick={props.onRefresh}>
          {t('board.refresh')}
        </button>
      )}
    </SearchForm>
  );
}
