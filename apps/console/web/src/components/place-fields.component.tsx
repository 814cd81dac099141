import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { InputField, type BoundField } from './field.component';
import { MapPicker, type Point } from './map.component';

/** A defect's address, which the case board and its notices name it by. */
export function AddressField(props: BoundField & { autoComplete?: string }) {
  const { t } = useI18n();
  return <InputField {...props} label={t('report.address')} hint={t('report.addressHint')} mandatory maxLength={300} />;
}

/** A coordinate as typed (a comma for the decimal point too); NaN when empty or no number. */
export const coordinate = (text: string) => (text.trim() === '' ? NaN : Number(text.replace(',', '.')));

/** What is wrong with a place typed as its coordinates: a latitude or a longitude off the globe. */
export function pointErrors(t: Translate, lat: number, lon: number): { lat?: string; lon?: string } {
  return {
    ...(!(lat >= -90 && lat <= 90) && { lat: t('report.error.lat') }),
    ...(!(lon >= -180 && lon <= 180) && { lon: t('report.error.lon') }),
  };
}

/**
 * A defect's place: picked on the map (its hint, `hintId`, read with it) or typed as its two coordinates, each
 * showing the other; a pick fills both fields.
 */
export function MapPointFields(props: {
  hintId: string;
  lat: BoundField;
  lon: BoundField;
  onPick: (point: Point) => void;
}) {
  const { t } = useI18n();
  const lat = coordinate(props.lat.value);
  const lon = coordinate(props.lon.value);
  const point: Point | null = Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
  return (
    <>
      <p id={props.hintId} class="hint">
        {t('report.mapHint')}
      </p>
      <MapPicker value={point} describedBy={props.hintId} onPick={props.onPick} />
      <div class="row">
        <InputField {...props.lat} label={t('report.lat')} mandatory inputMode="decimal" />
        <InputField {...props.lon} label={t('report.lon')} mandatory inputMode="decimal" />
      </div>
    </>
  );
}
