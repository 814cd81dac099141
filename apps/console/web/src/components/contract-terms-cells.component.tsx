import { useFormat } from '../format/use-format';
import { useI18n } from '../i18n/i18n-context';

/** What a contract's row in a table says of its terms, in this order: the road, the amount, what is paid, when signed, the warranty's end. */
export function ContractTermsCells(props: {
  contract: {
    roadSegment: { roadName: string; fromKm: number; toKm: number };
    amountTiyn: number;
    paidTiyn: number;
    signedAt: string;
    warrantyEndsAt: string;
  };
}) {
  const { t } = useI18n();
  const format = useFormat();
  const c = props.contract;
  return (
    <>
      <td>
        {t('contract.segment', { road: c.roadSegment.roadName, from: c.roadSegment.fromKm, to: c.roadSegment.toKm })}
      </td>
      <td class="money">{format.money(c.amountTiyn)}</td>
      <td class="money">{format.money(c.paidTiyn)}</td>
      <td>{format.date(c.signedAt)}</td>
      <td>{format.date(c.warrantyEndsAt)}</td>
    </>
  );
}
