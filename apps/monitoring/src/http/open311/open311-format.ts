import type { Response } from 'express';
import { DomainError } from '@app/domain-kernel';
import { xmlDocument } from './open311-xml';

/**
 * The format a GeoReport v2 resource answers in, from its extension (`services.xml`, `services.json`). The spec puts
 * the extension in every URL and makes XML the required format, JSON the optional one; a path without an extension
 * (`services`) is no URL the spec writes, and it is answered in XML, the one format every GeoReport client reads,
 * rather than refused: a client that left the extension off still gets the standard's answer.
 */
export type Open311Format = 'xml' | 'json';

/** The spec's content types (Format Support). */
export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

class FormatNotServedError extends DomainError {
  readonly httpStatus = 404;
  constructor(extension: string) {
    super('not_found', `.${extension} is not served: GeoReport v2 answers in .xml or .json`, {
      resource: 'Format',
      id: extension,
    });
  }
}

/** The route's {format} parameter: xml, json, or absent (XML); anything else names no resource, a 404. */
export function open311Format(extension: string | undefined): Open311Format {
  if (extension === undefined || extension === 'xml') return 'xml';
  if (extension === 'json') return 'json';
  throw new FormatNotServedError(extension);
}

/** The format an error answers in, read from the path, since it may come before any route parameter is read. */
export const formatOfPath = (path: string): Open311Format => (/\.json$/.test(path) ? 'json' : 'xml');

/**
 * The answer in the format asked for: JSON as Nest sends any value (so the .json routes answer exactly as they
 * always did), or the XML document of the same value under its root element, as text/xml.
 */
export function open311Answer<T>(
  response: Response,
  format: Open311Format,
  root: string,
  value: T,
  xml: unknown = value,
): string | T {
  if (format === 'json') return value;
  response.type(OPEN311_CONTENT_TYPES.xml);
  return xmlDocument(root, xml);
}
