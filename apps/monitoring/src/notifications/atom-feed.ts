import { createHash } from 'node:crypto';
import { escapeXmlText, XML_DECLARATION } from '../http/open311/open311-xml';

/** RFC 4287's media type (section 7), what every feed answers with. */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export interface AtomEntry {
  /** A permanent, universally unique IRI (4.2.6): the same for the same entry in every answer. */
  id: string;
  title: string;
  updated: Date;
  content: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The feed's own absolute IRI (link rel="self", 4.2.7.2). */
  self: string;
  /** RFC 5005 paging: the newest page, and the pages of newer and older entries when there are any. */
  first?: string;
  previous?: string;
  next?: string;
  /** xml:lang of the feed's text: the language its titles and contents are in. */
  language: string;
  /** The feed's author (4.2.1: required on the feed when an entry has none, as here). */
  author: string;
  entries: AtomEntry[];
  /** When nothing is in the feed, what its atom:updated says. */
  emptyUpdated: Date;
}

/** A namespace of our own for name-based UUIDs (RFC 9562 version 5): fixed forever, so the ids never change. */
const ID_NAMESPACE = '5b0e3c8e-8f0a-4f8e-9d3a-6e1c2a7b4d10';

/** A name-based UUID, version 5 (RFC 9562 5.5): SHA-1 of the namespace's 16 bytes and the name, version and variant set. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** urn:uuid:<v5 of name>: a stable IRI for a feed or an entry, derived from what it is (RFC 4287 4.2.6). */
export const stableUrn = (name: string): string => `urn:uuid:${uuidV5(ID_NAMESPACE, name)}`;

const attribute = (value: string) => escapeXmlText(value).replace(/"/g, '&quot;');
/** RFC 3339 date-time as 3.3 wants it (upper-case T and Z). */
const dateConstruct = (date: Date) => date.toISOString();
const link = (rel: string, href: string | undefined) =>
  href ? `  <link rel="${rel}" type="application/atom+xml" href="${attribute(href)}"/>\n` : '';

/**
 * An Atom 1.0 feed document (RFC 4287): atom:feed with its id, title, updated, author and link rel="self", and each
 * entry with id, title, updated and a text content. The feed's atom:updated is its newest entry's (4.2.15: the most
 * recent significant change), entries newest first.
 */
export function atomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), new Date(0));
  const entries = feed.entries
    .map(
      (e) =>
        `  <entry>\n` +
        `    <id>${escapeXmlText(e.id)}</id>\n` +
        `    <title type="text">${escapeXmlText(e.title)}</title>\n` +
        `    <updated>${dateConstruct(e.updated)}</updated>\n` +
        `    <content type="text">${escapeXmlText(e.content)}</content>\n` +
        `  </entry>\n`,
    )
    .join('');
  return (
    `${XML_DECLARATION}\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${attribute(feed.language)}">\n` +
    `  <id>${escapeXmlText(feed.id)}</id>\n` +
    `  <title type="text">${escapeXmlText(feed.title)}</title>\n` +
    `  <updated>${dateConstruct(feed.entries.length ? updated : feed.emptyUpdated)}</updated>\n` +
    `  <author><name>${escapeXmlText(feed.author)}</name></author>\n` +
    link('self', feed.self) +
    link('first', feed.first) +
    link('previous', feed.previous) +
    link('next', feed.next) +
    entries +
    `</feed>\n`
  );
}
