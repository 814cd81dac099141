import { IsRfc3339DateTime } from '@app/contracts';
import { NestedObject } from '@app/platform';
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
} from 'class-validator';

/** Form fields arrive as strings: a number field becomes a number, an empty one is absent, anything else stays to fail. */
const toNumber = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : value;
};
/** An empty form field means "not given". */
const emptyAsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** Phone numbers come formatted; what we keep is the digits with an optional leading +. */
const phoneDigits = ({ value }: { value: unknown }) =>
  value === '' ? undefined : typeof value === 'string' ? value.replace(/[\s().-]/g, '') : value;

/** attribute[district]=... in the form. */
export class Open311AttributesDto {
  @IsDefined({ message: 'attribute[district] is required' })
  @IsString({ message: 'attribute[district] must be a string' })
  @Length(1, 100, { message: 'attribute[district] must be 1 to 100 characters' })
  district: string;
}

/** POST /open311/v2/requests.json, form-encoded as GeoReport v2 says. */
export class Open311CreateRequestDto {
  @IsDefined({ message: 'service_code is required' })
  @IsString({ message: 'service_code must be a string' })
  service_code: string;

  @Transform(toNumber)
  @IsDefined({ message: 'lat is required' })
  @IsLatitude({ message: 'lat must be a latitude between -90 and 90' })
  lat: number;

  @Transform(toNumber)
  @IsDefined({ message: 'long is required' })
  @IsLongitude({ message: 'long must be a longitude between -180 and 180' })
  long: number;

  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsString({ message: 'address_string must be a string' })
  @Length(1, 300, { message: 'address_string must be at most 300 characters' })
  address_string?: string;

  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @Length(0, 2000, { message: 'description must be at most 2000 characters' })
  description?: string;

  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'media_url must be an http(s) URL' })
  media_url?: string;

  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsString({ message: 'first_name must be a string' })
  @Length(1, 100, { message: 'first_name must be at most 100 characters' })
  first_name?: string;

  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsString({ message: 'last_name must be a string' })
  @Length(1, 100, { message: 'last_name must be at most 100 characters' })
  last_name?: string;

  @IsOptional()
  @Transform(phoneDigits)
  @Matches(/^\+?\d{7,15}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @IsDefined({ message: 'attribute[district] is required' })
  @NestedObject(() => Open311AttributesDto)
  attribute: Open311AttributesDto;

  // Fields of the standard this server does not use: accepted and ignored, so standard clients are not refused.
  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
  @IsOptional() @IsString() address_id?: string;
  @IsOptional() @IsString() device_id?: string;
  @IsOptional() @IsString() account_id?: string;
}

/** GET /open311/v2/requests.json. */
export class Open311RequestsQueryDto {
  @IsOptional()
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'service_request_id must be a comma-separated list of ids' })
  service_request_id?: string;

  @IsOptional()
  @IsString({ message: 'service_code must be a string' })
  service_code?: string;

  @IsOptional()
  @IsRfc3339DateTime({
    message: 'start_date must be a date-time with its zone, e.g. 2020-03-01T00:00:00+05:00 (RFC 3339)',
  })
  start_date?: string;

  @IsOptional()
  @IsRfc3339DateTime({
    message: 'end_date must be a date-time with its zone, e.g. 2020-03-31T23:59:59+05:00 (RFC 3339)',
  })
  end_date?: string;

  @IsOptional()
  @Matches(/^(open|closed)(,(open|closed))*$/, { message: 'status must be open, closed, or both comma-separated' })
  status?: string;

  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
  @IsOptional() @IsIn(['true', 'false']) extensions?: string;
}

/** GET /open311/v2/requests/{id}.json and services/{code}.json may carry the jurisdiction like every call. */
export class Open311JurisdictionQueryDto {
  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
  @IsOptional() @IsIn(['true', 'false']) extensions?: string;
}
