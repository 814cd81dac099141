import { IsRfc3339DateTime } from '@app/contracts';
import { applyDecorators } from '@nestjs/common';
import { NestedObject } from '@app/platform';
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** Form fields arrive as strings: a number field becomes a number, an empty one is absent, anything else stays to fail. */
const toNumber = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : value;
};
/** An empty form field means "not given". */
const emptyAsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** An optional field of the form or the query string, absent when passed empty (the spec's Optional Arguments). */
// Registered as @IsOptional() @Transform(emptyAsAbsent) stacked did (bottom first), so the 400s keep their order.
const OptionalArgument = () => applyDecorators(Transform(emptyAsAbsent), IsOptional());
/** An optional text argument of `min` to `max` characters, whose 400s name it (as the stacked rules they replace). */
const OptionalText =
  (min: number, max: number): PropertyDecorator =>
  (target, key) =>
    applyDecorators(
      Length(min, max, { message: `${String(key)} must be at most ${max} characters` }),
      IsString({ message: `${String(key)} must be a string` }),
      OptionalArgument(),
    )(target, key);
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

/** POST /open311/v2/requests.{format}, form-encoded as GeoReport v2 says. */
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

  @OptionalText(1, 300)
  address_string?: string;

  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @Length(0, 2000, { message: 'description must be at most 2000 characters' })
  description?: string;

  @OptionalArgument()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'media_url must be an http(s) URL' })
  media_url?: string;

  @OptionalArgument()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @OptionalText(1, 100)
  first_name?: string;

  @OptionalText(1, 100)
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

/** The most requests one answer holds: the spec's own cap, and the page_size extension's bound. */
export const MAX_PAGE_SIZE = 1000;
const MAX_PAGE = 10_000;

/**
 * The page/page_size extension (Chicago's, on GET requests): page_size requests per answer (1 to 1000, by default
 * the spec's 1000), page counting from 1. Without either the answer is the spec's: its first 1000.
 */
class Open311PageQueryDto {
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  page_size?: number;
}

/** GET /open311/v2/requests.{format}; a parameter passed empty is one not passed (the spec's Optional Arguments). */
export class Open311RequestsQueryDto extends Open311PageQueryDto {
  @OptionalArgument()
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'service_request_id must be a comma-separated list of ids' })
  service_request_id?: string;

  @OptionalArgument()
  @IsString({ message: 'service_code must be a string' })
  service_code?: string;

  @OptionalArgument()
  @IsRfc3339DateTime({
    message: 'start_date must be a date-time with its zone, e.g. 2020-03-01T00:00:00+05:00 (RFC 3339)',
  })
  start_date?: string;

  @OptionalArgument()
  @IsRfc3339DateTime({
    message: 'end_date must be a date-time with its zone, e.g. 2020-03-31T23:59:59+05:00 (RFC 3339)',
  })
  end_date?: string;

  @OptionalArgument()
  @Matches(/^(open|closed)(,(open|closed))*$/, { message: 'status must be open, closed, or both comma-separated' })
  status?: string;

  /**
   * This server's extension: the requests of one district, as the records spell it (`Taraz`, `T. Ryskulov`); the
   * citizens' map filters by it. The spec has no district, so standard clients never send it.
   */
  @OptionalArgument()
  @IsString({ message: 'district must be given once, as text' })
  @Length(1, 100, { message: 'district must be 1 to 100 characters' })
  district?: string;

  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
  /** Chicago's extension: extensions=true adds extended_attributes to the XML (JSON always has them). */
  @OptionalArgument() @IsIn(['true', 'false']) extensions?: string;
}

/** GET /open311/v2/servicerequestupdates.{format} (mySociety's extension): updates within the dates. */
export class Open311UpdatesQueryDto extends Open311PageQueryDto {
  @OptionalArgument()
  @IsRfc3339DateTime({
    message: 'start_date must be a date-time with its zone, e.g. 2020-03-01T00:00:00Z (RFC 3339)',
  })
  start_date?: string;

  @OptionalArgument()
  @IsRfc3339DateTime({
    message: 'end_date must be a date-time with its zone, e.g. 2020-03-31T23:59:59Z (RFC 3339)',
  })
  end_date?: string;

  // FixMyStreet's client sends its api_key (or an empty one) here too; GETs need none, so it is not checked.
  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
}

/** GET /open311/v2/requests/{id}.{format} and services/{code}.{format} may carry the jurisdiction like every call. */
export class Open311JurisdictionQueryDto {
  @IsOptional() @IsString() jurisdiction_id?: string;
  @IsOptional() @IsString() api_key?: string;
  /** Chicago's extension: extensions=true adds extended_attributes to the XML (JSON always has them). */
  @OptionalArgument() @IsIn(['true', 'false']) extensions?: string;
}
