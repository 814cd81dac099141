import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { ValidationFailedError } from '@app/domain-kernel';
import { createValidationPipe } from './validation.pipe';

class LocationDto {
  @IsLatitude()
  lat: number;

  @IsLongitude()
  lng: number;
}

class ReportDto {
  @IsString()
  @IsNotEmpty()
  title: string;

  @IsInt()
  @Min(1)
  severity: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => LocationDto)
  location: LocationDto;

  @IsOptional()
  @IsString()
  note?: string;
}

const metadata = { type: 'body' as const, metatype: ReportDto };
const good = () => ({ title: 'Pothole', severity: 3, location: { lat: 43.25, lng: 76.95 } });

async function failureOf(value: unknown): Promise<ValidationFailedError> {
  const pipe = createValidationPipe();
  try {
    await pipe.transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return error as ValidationFailedError;
  }
  throw new Error('the pipe accepted the value');
}

const fieldsOf = (error: ValidationFailedError) =>
  (error.details.fields as { field: string; problems: string[] }[]).map((f) => f.field);

describe('createValidationPipe', () => {
  it('passes a good body and transforms it to the class', async () => {
    const result = await createValidationPipe().transform(good(), metadata);
    expect(result).toBeInstanceOf(ReportDto);
    expect(result.location).toBeInstanceOf(LocationDto);
    expect(result).toEqual(good());
  });

  it('names the first bad field and lists every bad field', async () => {
    const error = await failureOf({ title: '', severity: 0, location: { lat: 43.25, lng: 76.95 } });
    expect(error.field).toBe('title');
    expect(error.code).toBe('validation_failed');
    expect(error.httpStatus).toBe(400);
    expect(error.details.field).toBe('title');
    expect(fieldsOf(error)).toEqual(['title', 'severity']);
    expect(error.message).toMatch(/title/);
    expect(error.message).toMatch(/severity/);
  });

  it('names nested fields with a dotted path', async () => {
    const error = await failureOf({ title: 'Pothole', severity: 2, location: { lat: 123, lng: 'east' } });
    expect(error.field).toBe('location.lat');
    expect(fieldsOf(error)).toEqual(['location.lat', 'location.lng']);
  });

  it('reports top-level and nested problems together', async () => {
    const error = await failureOf({ title: 7, severity: 2, location: { lat: 1, lng: 999 } });
    expect(fieldsOf(error)).toEqual(['title', 'location.lng']);
  });

  it('refuses an unknown extra property and names it', async () => {
    const error = await failureOf({ ...good(), admin: true });
    expect(error.field).toBe('admin');
    expect(fieldsOf(error)).toEqual(['admin']);
    expect(error.message).toMatch(/admin/);
  });

  it('refuses an unknown property inside a nested object', async () => {
    const error = await failureOf({ ...good(), location: { lat: 1, lng: 2, alt: 100 } });
    expect(fieldsOf(error)).toEqual(['location.alt']);
  });

  it('refuses a missing nested object', async () => {
    const { location: _omit, ...body } = good();
    const error = await failureOf(body);
    expect(fieldsOf(error)).toContain('location');
  });
});
