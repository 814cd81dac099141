import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/i18n-context';

/**
 * A page's one h1, which also names the browser tab (the console moves focus here when it changes pages), and the
 * lead paragraph that introduces the page, when it has one.
 */
export function PageHeading(props: { title: string; lead?: string; children?: ComponentChildren }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${props.title} — ${t('app.name')}`;
  }, [props.title, t]);
  return (
    <>
      <h1 tabIndex={-1} id="page-title">
        {props.title}
        {props.children}
      </h1>
      {props.lead !== undefined && <p class="lead">{props.lead}</p>}
    </>
  );
}
