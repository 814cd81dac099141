type Schema = Record<string, unknown>;

/** Examples for the patterns the DTOs use, each one a value the pattern (and the rule behind it) accepts. */
const PATTERN_EXAMPLES: Record<string, string> = {
  '^\\d{12}$': '123456789013', // a BIN with its check digit
  '^\\d{4}-\\d{2}-\\d{2}$': '2020-03-05',
  '^\\d{4}-W\\d{2}$': '2020-W12',
  '^[a-z0-9_]{1,60}$': 'vehicle_overload',
  '^[A-Z0-9]{4,10}$': '123ABC08',
  '^\\+?\\d{7,15}$': '+77262430000',
  '^[0-9A-Za-z][0-9A-Za-z.\\-/]{0,49}$': '451-015',
  '^(open|closed)(,(open|closed))*$': 'open',
  '^[^,\\s]+(,[^,\\s]+)*$': '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
  '^[^+\\s]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*$':
    'witness.example/w1+0a1b2c3d+AQ5XsOqoOm4q2F7sNycmvjfjuxDZXGbGWGakLzH59vGh',
  '^\\u2014 \\S+ [A-Za-z0-9+/]+=*\\n?$': '\u2014 witness.example/w1 CqkbYwAAAABmZXhhbXBsZQ==\n',
};
const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
  'date-time': '2020-03-05T10:00:00+06:00',
  date: '2020-03-05',
  email: 'aigul@example.kz',
  uri: 'https://photos.example.kz/2020/pothole.jpg',
};

/** What a field of that name holds in Zhambyl region, used where the field's schema accepts it. */
const NAMED_EXAMPLES: Record<string, unknown> = {
  district: 'Taraz',
  address: 'Taraz, 12 Abai street',
  address_string: 'Taraz, 12 Abai street',
  place: 'Taraz, km 12 of the Taraz–Shu road',
  roadName: 'Taraz–Shu',
  lat: 42.9,
  lon: 71.37,
  long: 71.37,
  description: 'A pothole about a metre across in the right lane',
  doubt: 'The repair was paid twice',
  name: 'Akimat of Taraz city',
  contractorName: 'Zhambyl Zhol Kurylys LLP',
  offenderName: 'Resident of Taraz',
  first_name: 'Aigul',
  last_name: 'Seitkali',
  title: 'Raid on the roads of Taraz',
  subject: 'Current repair of the roads of Taraz, 2020',
  summary: 'Three defects, two offences',
  reason: 'The defect was not found on site',
  note: 'Patched and compacted',
  vehiclePlate: '123ABC08',
  caseId: '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
  reportId: '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f',
  paymentId: 'payment-2020-000123',
  programmeCode: '451-015',
  fiscalYear: 2020,
  fromKm: 10,
  toKm: 35,
  areaM2: 2.5,
  warrantyMonths: 36,
  committedAt: '2020-03-05T10:30:00+06:00',
  plannedFor: '2020-03-05T10:00:00+06:00',
};

/**
 * A value the schema accepts, built from its rules (every property it can give an example of, the smallest counts,
 * the first enum value); undefined when a required property has none. Request bodies carry it as their example.
 */
export function exampleOf(schema: Schema | undefined, schemas: Record<string, Schema>): unknown {
  if (!schema) return undefined;
  if (typeof schema.$ref === 'string') return exampleOf(schemas[schema.$ref.split('/').pop()!], schemas);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        const named = NAMED_EXAMPLES[name];
        const example = named !== undefined && accepts(property, named) ? named : exampleOf(property, schemas);
        if (example !== undefined) value[name] = example;
        else if (required.has(name)) return undefined;
      }
      return value;
    }
    case 'array': {
      const item = exampleOf(schema.items as Schema, schemas);
      return item === undefined
        ? undefined
        : Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => item);
    }
    case 'integer':
    case 'number': {
      const low = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const high = typeof schema.maximum === 'number' ? schema.maximum : low + 100;
      return Math.min(high, Math.max(low, 1));
    }
    case 'boolean':
      return false;
    case 'string': {
      if (typeof schema.pattern === 'string') return PATTERN_EXAMPLES[schema.pattern];
      if (typeof schema.format === 'string') return FORMAT_EXAMPLES[schema.format];
      if (String(schema.description ?? '').startsWith('An ISO 8601')) return '2020-03-05';
      const min = Number(schema.minLength ?? 1);
      const max = Number(schema.maxLength ?? 60);
      return 'Pothole on Abai street'.padEnd(min, '.').slice(0, Math.max(min, Math.min(max, 22)));
    }
    default:
      return undefined;
  }
}

/** Whether a plain schema (no reference, no pattern) takes the value: its type, bounds and lengths. */
function accepts(schema: Schema, value: unknown): boolean {
  if (schema.$ref || schema.pattern || schema.enum) return false;
  const types = [schema.type].flat();
  if (typeof value === 'string') {
    return (
      types.includes('string') &&
      value.length >= Number(schema.minLength ?? 0) &&
      value.length <= Number(schema.maxLength ?? Infinity)
    );
  }
  if (typeof value === 'number') {
    const typed = types.includes('number') || (types.includes('integer') && Number.isInteger(value));
    return typed && value >= Number(schema.minimum ?? -Infinity) && value <= Number(schema.maximum ?? Infinity);
  }
  return false;
}
