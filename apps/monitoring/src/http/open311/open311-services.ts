import { DEFECT_TYPES, type DefectType } from '@app/contracts';

/** One GeoReport v2 service per road defect type; budget doubts have no Open311 counterpart. */
export interface Open311Service {
  service_code: DefectType;
  service_name: string;
  description: string;
  metadata: true;
  type: 'realtime';
  keywords: string;
  group: 'roads';
}

const CATALOGUE: Record<DefectType, { name: string; description: string; keywords: string }> = {
  pothole: { name: 'Pothole', description: 'A hole in the road surface', keywords: 'pothole, hole, road, asphalt' },
  crack: { name: 'Crack', description: 'Cracks in the road surface', keywords: 'crack, cracking, road, asphalt' },
  rutting: {
    name: 'Rutting',
    description: 'Ruts or grooves worn into the road along the wheel paths',
    keywords: 'rut, rutting, groove, road',
  },
  edge_break: {
    name: 'Edge break',
    description: 'The edge of the road surface broken away',
    keywords: 'edge, shoulder, road',
  },
  missing_marking: {
    name: 'Missing road marking',
    description: 'Road markings worn away or missing',
    keywords: 'marking, lines, zebra, crossing',
  },
  other: {
    name: 'Other road defect',
    description: 'Any other defect of the road or its surroundings',
    keywords: 'road, defect',
  },
};

export const OPEN311_SERVICES: Open311Service[] = DEFECT_TYPES.map((code) => ({
  service_code: code,
  service_name: CATALOGUE[code].name,
  description: CATALOGUE[code].description,
  metadata: true,
  type: 'realtime',
  keywords: CATALOGUE[code].keywords,
  group: 'roads',
}));

export const isServiceCode = (code: string): code is DefectType => (DEFECT_TYPES as readonly string[]).includes(code);

/** The human-readable name a service request carries beside its code (service_name). */
export const serviceName = (code: string): string => (isServiceCode(code) ? CATALOGUE[code].name : code);

/** The attributes each service asks for: the district, which the club's agenda and road-cases sort by. */
export function serviceDefinition(code: DefectType) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'district',
        datatype: 'string',
        required: true,
        datatype_description: 'The district (or town) where the defect is, up to 100 characters',
        order: 1,
        description: 'District',
      },
    ],
  };
}

/** When this facade last changed in a way clients see (discovery's changeset). */
export const OPEN311_CHANGESET = '2026-11-26T00:00:00Z';
