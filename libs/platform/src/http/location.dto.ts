import { IsLatitude, IsLongitude } from 'class-validator';

/** A point on the map in a request body; the messages name the nested field as clients send it. */
export class LocationDto {
  @IsLatitude({ message: 'location.lat must be a latitude between -90 and 90' })
  lat: number;

  @IsLongitude({ message: 'location.lon must be a longitude between -180 and 180' })
  lon: number;
}
