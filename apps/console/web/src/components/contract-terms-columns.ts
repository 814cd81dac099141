import type { useFormat } from '../format/use-format';
import type { Translate } from '../i18n/translate';
import type { Column } from './data-table.component';

/** A contract as a table of contracts shows its terms. */
interface ContractTerms {
  roadSegment: { roadName: string; fromKm: number; toKm: number };
  amountTiyn: number;
  paidTiyn: number;
  signedAt: string;
  warrantyEndsAt: string;
}

/** The columns of a contract's terms, in this order: the road, the amount, what is paid, when signed, the warranty's end. */
export function contractTermsColumns<C extends ContractTerms>(
  t: Translate,
  format: ReturnType<typeof useFormat>,
): Column<C>[] {
  return [
    {
      label: t('contract.road'),
      cell: (c) =>
        t('contract.segment', { road: c.roadSegment.roadName, from: c.roadSegment.fromKm, to: c.roadSegment.toKm }),
    },
    { label: t('contract.amount'), money: true, cell: (c) => format.money(c.amountTiyn) },
    { label: t('contract.paid'), money: true, cell: (c) => format.money(c.paidTiyn) },
    { label: t('contract.signed'), cell: (c) => format.date(c.signedAt) },
    { label: t('contract.warranty'), cell: (c) => format.date(c.warrantyEndsAt) },
  ];
}
