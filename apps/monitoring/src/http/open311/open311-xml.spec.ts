import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXmlText, xmlDocument } from './open311-xml';

describe('Open311 XML', () => {
  const parse = (xml: string) =>
    new XMLParser({ parseTagValue: false, isArray: (name) => name === 'request' }).parse(xml);

  it('writes a list as its container of item elements, members in their order, after the UTF-8 declaration', () => {
    const xml = xmlDocument('service_requests', [
      { service_request_id: 'r-1', status: 'open', lat: 42.9, flag: true, media_url: null, skipped: undefined },
      { service_request_id: 'r-2', status: 'closed' },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<service_requests>',
        '  <request>',
        '    <service_request_id>r-1</service_request_id>',
        '    <status>open</status>',
        '    <lat>42.9</lat>',
        '    <flag>true</flag>',
        '    <media_url/>',
        '  </request>',
        '  <request>',
        '    <service_request_id>r-2</service_request_id>',
        '    <status>closed</status>',
        '  </request>',
        '</service_requests>',
        '',
      ].join('\n'),
    );
  });

  it('nests objects and names the items of every GeoReport container', () => {
    const xml = xmlDocument('discovery', {
      endpoints: [{ url: 'http://x/v2', formats: ['text/xml', 'application/json'] }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml)).toEqual({
      '?xml': '',
      discovery: {
        endpoints: { endpoint: { url: 'http://x/v2', formats: { format: ['text/xml', 'application/json'] } } },
      },
    });
    expect(xmlDocument('service_request_updates', [])).toContain('<service_request_updates/>');
  });

  it("escapes text so a citizen's description reads back exactly, and replaces what XML 1.0 cannot carry", () => {
    const text = 'Deep & wide <1 m> ]]> "quoted" \'single\' Тараз 🚧';
    const xml = xmlDocument('service_requests', [{ description: text }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).service_requests.request[0].description).toBe(text);
    expect(xml).not.toContain(']]>');
    expect(escapeXmlText('a\u0000b\u0007c\u001Fd\tn\ne\rf\uFFFEg\uD800h\uDC00i')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\tn\ne\rf\uFFFDg\uFFFDh\uFFFDi',
    );
    const controls = xmlDocument('service_requests', [{ description: 'bell\u0007 here' }]);
    expect(XMLValidator.validate(controls)).toBe(true);
  });

  it('refuses what it could only write wrongly: a bad element name, an array with no item name, a function', () => {
    expect(() => xmlDocument('service_requests', [{ 'bad name': 'x' }])).toThrow(/not an element name/);
    expect(() => xmlDocument('things', [1])).toThrow(/no item element/);
    expect(() => xmlDocument('discovery', { f: () => 1 })).toThrow(/function/);
  });
});
