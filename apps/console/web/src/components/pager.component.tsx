import { useI18n } from '../i18n/i18n-context';

/** Previous and next through a list the service pages (`page`, `limit`, `total`); nothing when one page holds it. */
export function Pager(props: {
  what: string;
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const { page, limit, total } = props;
  if (total <= limit) return null;
  return (
    <nav class="pager" aria-label={t('pager.label', { what: props.what })}>
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.page', { page, pages: Math.ceil(total / limit) })}</span>
      <button type="button" class="secondary" disabled={page * limit >= total} onClick={() => props.onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
