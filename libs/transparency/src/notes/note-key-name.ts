// Key names per C2SP signed-note: non-empty, no Unicode space, no plus. \p{White_Space} is the same set Go's
// unicode.IsSpace tests (JS's \s differs: it adds U+FEFF and lacks U+0085). Lone surrogates are not UTF-8.
const SPACE_PLUS_OR_SURROGATE = /[\p{White_Space}+\p{Surrogate}]/u;
// Go accepts other C0 controls in a name, but a note carrying one is malformed, so such a key could never verify.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f]/;

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_PLUS_OR_SURROGATE.test(name) && !CONTROL.test(name);
}
