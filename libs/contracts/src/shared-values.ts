import { IsLatitude, IsLongitude } from 'class-validator';

export const DEFECT_TYPES = ['pothole', 'crack', 'rutting', 'edge_break', 'missing_marking', 'other'] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

export class GeoPointV1 {
  @IsLatitude()
  lat: number;

  @IsLongitude()
  lon: number;
}
