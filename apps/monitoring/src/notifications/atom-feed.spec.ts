import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ATOM_CONTENT_TYPE, atomFeed, stableUrn, uuidV5 } from './atom-feed';

const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (n) => ['entry', 'link'].includes(n),
  }).parse(xml);

const feed = (entries = 2) =>
  atomFeed({
    id: stableUrn('feed:district:Taraz'),
    title: 'Reports in Taraz <&>',
    self: 'https://monitoring.example/feeds/districts/Taraz?page=2',
    first: 'https://monitoring.example/feeds/districts/Taraz',
    previous: 'https://monitoring.example/feeds/districts/Taraz',
    next: entries > 1 ? 'https://monitoring.example/feeds/districts/Taraz?page=3&lang=en' : undefined,
    language: 'en',
    author: 'Integrity Square',
    emptyUpdated: new Date(0),
    entries: Array.from({ length: entries }, (_, i) => ({
      id: stableUrn(`notice:r-1:${i + 1}`),
      title: `Step ${i + 1}`,
      updated: new Date(Date.UTC(2026, 11, 1, 10 - i)),
      content: `Text ${i + 1} & more`,
    })),
  });

describe('Atom feed (RFC 4287)', () => {
  it('is well-formed XML in the Atom namespace, served as application/atom+xml', () => {
    expect(XMLValidator.validate(feed())).toBe(true);
    expect(parse(feed()).feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(ATOM_CONTENT_TYPE).toBe('application/atom+xml; charset=utf-8');
  });

  it('has the required feed elements: id, title, updated, author, link rel=self', () => {
    const f = parse(feed()).feed;
    expect(f.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(f.title).toEqual({ '#text': 'Reports in Taraz <&>', '@type': 'text' });
    expect(f.updated).toBe('2026-12-01T10:00:00.000Z');
    expect(f.author).toEqual({ name: 'Integrity Square' });
    expect(f['@xml:lang']).toBe('en');
    const links = Object.fromEntries(f.link.map((l: Record<string, string>) => [l['@rel'], l['@href']]));
    expect(links).toEqual({
      self: 'https://monitoring.example/feeds/districts/Taraz?page=2',
      first: 'https://monitoring.example/feeds/districts/Taraz',
      previous: 'https://monitoring.example/feeds/districts/Taraz',
      next: 'https://monitoring.example/feeds/districts/Taraz?page=3&lang=en',
    });
  });

  it('gives each entry id, title, updated and content, newest first as given', () => {
    const entries = parse(feed()).feed.entry;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      id: stableUrn('notice:r-1:1'),
      title: { '#text': 'Step 1', '@type': 'text' },
      updated: '2026-12-01T10:00:00.000Z',
      content: { '#text': 'Text 1 & more', '@type': 'text' },
    });
    expect(entries[1].updated).toBe('2026-12-01T09:00:00.000Z');
  });

  it('dates an empty feed by its given instant, and leaves out the links it has not', () => {
    const empty = parse(feed(0)).feed;
    expect(empty.updated).toBe('1970-01-01T00:00:00.000Z');
    expect(empty.entry).toBeUndefined();
    expect(empty.link.map((l: Record<string, string>) => l['@rel'])).toEqual(['self', 'first', 'previous']);
  });

  it('derives stable name-based UUIDs: the same name the same id, another name another', () => {
    expect(stableUrn('notice:r-1:1')).toBe(stableUrn('notice:r-1:1'));
    expect(stableUrn('notice:r-1:1')).not.toBe(stableUrn('notice:r-1:2'));
    // RFC 9562's example of a version 5 UUID (Appendix A.4): the DNS namespace and "www.example.com".
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
