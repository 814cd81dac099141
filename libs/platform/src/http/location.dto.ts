import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';

/** A point on the map in a request body; the messages name the nested field as clients send it. */
export class LocationDto {
  // IsLatitude alone takes the text "42.9" too, which no handler expects.
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'location.lat must be a number' })
  @IsLatitude({ message: 'location.lat must be a latitude between -90 and 90' })
  lat: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'location.lon must be a number' })
  @IsLongitude({ message: 'location.lon must be a longitude between -180 and 180' })
  lon: number;
}
