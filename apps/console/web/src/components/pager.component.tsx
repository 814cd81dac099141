import { useI18n } from '../i18n/i18n-context';

/**
 * Previous and next through a list the service pages (`page`, `limit`, `total`); nothing when one page holds it. A
 * list that tells no total (Open311's) gives `more` instead: whether this page came full, so another may follow.
 */
export function Pager(
  props: {
    what: string;
    page: number;
    limit: number;
    onPage: (page: number) => void;
  } & ({ total: number } | { more: boolean }),
) {
  const { t } = useI18n();
  const { page, limit } = props;
  const total = 'total' in props ? props.total : undefined;
  const hasNext = total === undefined ? (props as { more: boolean }).more : page * limit < total;
  if (total === undefined ? page <= 1 && !hasNext : total <= limit) return null;
  return (
    <nav class="pager" aria-label={t('pager.label', { what: props.what })}>
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>
        {total === undefined
          ? t('pager.pageOnly', { page })
          : t('pager.page', { page, pages: Math.ceil(total / limit) })}
      </span>
      <button type="button" class="secondary" disabled={!hasNext} onClick={() => props.onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
