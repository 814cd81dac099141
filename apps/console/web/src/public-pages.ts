import type { Translate } from './i18n/translate';

/**
 * The pages anyone may open without signing in, as the navigation lists them first: each one's address, its link's
 * label and, for those the home page offers as a card, the card's words (`home.<card>.title` and `.text`).
 */
export const publicPages = (t: Translate): { href: string; label: string; card?: string }[] => [
  { href: '/report', label: t('nav.report'), card: 'report' },
  { href: '/follow', label: t('nav.follow'), card: 'follow' },
  { href: '/map', label: t('nav.roadMap'), card: 'roadMap' },
  { href: '/programmes', label: t('nav.programmes'), card: 'budgets' },
  { href: '/budget-map', label: t('nav.budgetMap'), card: 'budgetMap' },
  { href: '/institutions', label: t('nav.institutions') },
  { href: '/contracts', label: t('nav.contracts') },
  { href: '/fines/stats', label: t('nav.fineStats'), card: 'fineStats' },
  { href: '/public-control', label: t('nav.publicControl'), card: 'publicControl' },
];
