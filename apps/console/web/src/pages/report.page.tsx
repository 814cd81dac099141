import { InputField, ProseField, SelectField, TextAreaField } from '../components/field.component';
import { LinkLine } from '../components/link.component';
import { AddressField, coordinate, MapPointFields, pointErrors } from '../components/place-fields.component';
import { FormFooter } from '../components/form-footer.component';
import { PageHeading } from '../components/page-heading.component';
import type { DefectType } from '../districts';
import { useI18n } from '../i18n/i18n-context';
import { LANGUAGES, type Language } from '../i18n/translate';
import { useReportFiling } from '../reports/report-filing';
import { useSession } from '../session';
import { useDraftForm } from '../use-draft-form';
import { DefectTypeField, DistrictField } from '../components/choice-fields.component';

type Draft = {
  lat: string;
  lon: string;
  district: string;
  address: string;
  defectType: DefectType | '';
  description: string;
  photos: string;
  name: string;
  phone: string;
  email: string;
  /** The language of the notices: '' for this page's. */
  language: '' | Language;
};

const EMPTY: Draft = {
  lat: '',
  lon: '',
  district: '',
  address: '',
  defectType: '',
  description: '',
  photos: '',
  name: '',
  phone: '',
  email: '',
  language: '',
};

type Errors = Partial<Record<keyof Draft, string>>;

const photoLinks = (text: string) =>
  text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);
const isLink = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/**
 * A citizen reports a road defect, signed in or not: the place (on the map or as coordinates), the district and
 * address, the kind of defect, photo links and, if they wish, a contact for the club. The answer is the report's
 * number, which is how they follow it.
 */
export function ReportPage() {
  const { t, language } = useI18n();
  const signedIn = useSession();
  const { draft, update, errors, bind, check, reset } = useDraftForm('report', EMPTY);
  const { failure, setFailure, busy, filed, another, file } = useReportFiling();

  const validate = (): Errors => {
    const found: Errors = pointErrors(t, coordinate(draft.lat), coordinate(draft.lon));
    if (!draft.district) found.district = t('report.error.district');
    if (!draft.address.trim()) found.address = t('report.error.address');
    if (!draft.defectType) found.defectType = t('report.error.defectType');
    const photos = photoLinks(draft.photos);
    if (photos.length > 10 || photos.some((p) => !isLink(p))) found.photos = t('report.error.photos');
    if (draft.phone && !/^\+?\d{7,15}$/.test(draft.phone.replace(/[\s()-]/g, '')))
      found.phone = t('report.error.phone');
    if (draft.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email)) found.email = t('report.error.email');
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    if (!check(validate())) return;
    const contact = {
      ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
      ...(draft.phone ? { phone: draft.phone.replace(/[\s()-]/g, '') } : {}),
      ...(draft.email ? { email: draft.email.trim() } : {}),
    };
    const filing = await file({
      kind: 'road_defect',
      description: draft.description.trim(),
      road: {
        location: { lat: coordinate(draft.lat), lon: coordinate(draft.lon) },
        district: draft.district,
        address: draft.address.trim(),
        defectType: draft.defectType as DefectType,
        photos: photoLinks(draft.photos),
      },
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      ...(draft.language ? { language: draft.language } : {}),
    });
    if (filing) reset();
  };

  if (filed)
    return (
      <section>
        <PageHeading title={t('report.filed.title')} />
        <div class="notice notice-success" role="status">
          <p>{t('report.filed.text')}</p>
          <p class="report-number">
            {t('report.filed.number')} <output data-testid="report-id">{filed.id}</output>
          </p>
        </div>
        <LinkLine href={`/follow/${filed.id}`}>{t('report.filed.follow')}</LinkLine>
        {filed.receipt && (
          <p>
            <a href={`/api/monitoring${filed.receipt}`}>{t('report.filed.receipt')}</a>
          </p>
        )}
        <p>
          <button type="button" class="secondary" onClick={another}>
            {t('report.filed.another')}
          </button>
        </p>
      </section>
    );

  return (
    <section>
      <PageHeading
        title={t('report.title')}
        lead={signedIn?.role === 'citizen' ? t('report.introSignedIn') : t('report.intro')}
      />
      <form onSubmit={submit} noValidate class="form">
        <fieldset>
          <legend>{t('report.place')}</legend>
          <MapPointFields
            hintId="report-map-hint"
            lat={bind('lat')}
            lon={bind('lon')}
            onPick={(p) => update({ lat: String(p.lat), lon: String(p.lon) })}
          />
          <DistrictField {...bind('district')} mandatory />
          <AddressField {...bind('address')} autoComplete="street-address" />
        </fieldset>
        <fieldset>
          <legend>{t('report.defect')}</legend>
          <DefectTypeField {...bind('defectType')} mandatory />
          <ProseField {...bind('description')} label={t('report.description')} optional />
          <TextAreaField {...bind('photos')} label={t('report.photos')} hint={t('report.photosHint')} rows={2} />
        </fieldset>
        <fieldset>
          <legend>{t('report.contact')}</legend>
          <p class="hint">{t('report.contactHint')}</p>
          <InputField {...bind('name')} label={t('report.name')} maxLength={200} autoComplete="name" />
          <InputField
            {...bind('phone')}
            label={t('report.phone')}
            hint={t('report.phoneHint')}
            type="tel"
            autoComplete="tel"
          />
          <InputField {...bind('email')} label={t('report.email')} type="email" autoComplete="email" />
          <SelectField
            {...bind('language')}
            label={t('report.language')}
            hint={t('report.languageHint')}
            empty={t(`lang.${language}`)}
            options={LANGUAGES.filter((l) => l !== language).map((l) => ({ value: l, label: t(`lang.${l}`) }))}
          />
        </fieldset>
        <FormFooter errors={errors} failure={failure} busy={busy} submit={t('report.submit')} />
      </form>
    </section>
  );
}
