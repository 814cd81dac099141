/**
 * GeoReport v2's XML, written from the same values its JSON is: the spec defines its JSON as a programmatic mapping
 * of the XML (the Spark convention), so the mapping run backwards gives the XML. An object's members become child
 * elements in the object's own order (the models are built in the order of the spec's examples); an array becomes
 * repeated item elements inside its container, named by ITEM_ELEMENTS (`<services><service>…`), the way
 * FixMyStreet's XML::Simple reads them (its GroupTags); `true`/`false` and numbers as text; null an empty element;
 * an undefined member no element at all. No dependency: the shapes are flat and the names are ours.
 */

/** The container elements of GeoReport v2 (and mySociety's updates) and the name of each one's items. */
export const ITEM_ELEMENTS: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
};

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab, newline and return; U+FFFE, U+FFFF; lone
 * surrogates): a citizen's text may hold one, and one would leave the whole answer unreadable to every parser, so
 * each becomes U+FFFD.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped: `&`, `<` and `>` (the last so `]]>` never appears), and what XML cannot carry replaced. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(name: string, value: unknown, indent: string): string {
  if (!NAME.test(name)) throw new Error(`Open311 XML: ${JSON.stringify(name)} is not an element name`);
  if (value === null) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name];
    if (!item) throw new Error(`Open311 XML: the array ${name} has no item element`);
    if (value.length === 0) return `${indent}<${name}/>`;
    const items = value.map((v) => element(item, v, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${items}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (members.length === 0) return `${indent}<${name}/>`;
    const children = members.map(([k, v]) => element(k, v, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${children}\n${indent}</${name}>`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = escapeXmlText(String(value));
    return text === '' ? `${indent}<${name}/>` : `${indent}<${name}>${text}</${name}>`;
  }
  throw new Error(`Open311 XML: ${name} holds a ${typeof value}`);
}

/**
 * The whole document: the declaration with its encoding (the spec requires it before the root element), then the
 * root. An array root is a list (`service_requests`, `errors`, …), anything else one element (`discovery`,
 * `service_definition`).
 */
export function xmlDocument(root: string, value: unknown): string {
  return `${XML_DECLARATION}\n${element(root, value, '')}\n`;
}
