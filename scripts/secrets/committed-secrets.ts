// Finds the secrets written into the repository's files (compose defaults, docs, .env examples, test fixtures), for
// the digest list a production service checks its own secrets against (npm run secrets:digests). Shared with the test
// that fails when a committed secret is missing from that list.
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyDigest, secretDigest } from '../../libs/platform/src/config/committed-secrets.check';

export const DIGESTS_FILE = 'libs/platform/src/config/committed-secret-digests.ts';

export interface CommittedSecret {
  file: string;
  /** How it was found: `default` (${NAME:-value}), `assignment` (NAME: 'value', NAME=value), `url-password`, `signer-key`, `private-key`, `literal`. */
  kind: string;
  value: string;
  digest: string;
}

/** A variable name that holds a secret: passwords, secrets, signing and private keys (public keys are not secrets). */
const SECRET_NAME = String.raw`[A-Z0-9_]*(?:SECRET|PASSWORD|SIGNING_KEY|PRIVATE_KEY)[A-Z0-9_]*`;
const MIN_LENGTH = 8;

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'default', pattern: new RegExp(String.raw`\$\{${SECRET_NAME}:?-(?<value>[^}]+)\}`, 'g') },
  { kind: 'assignment', pattern: new RegExp(String.raw`\b${SECRET_NAME}['"]?\s*[:=]\s*'(?<value>[^'\n]+)'`, 'g') },
  { kind: 'assignment', pattern: new RegExp(String.raw`\b${SECRET_NAME}['"]?\s*[:=]\s*"(?<value>[^"\n]+)"`, 'g') },
  { kind: 'assignment', pattern: new RegExp(String.raw`^\s*(?:export\s+)?${SECRET_NAME}=(?<value>[^\s'"$#]+)`, 'gm') },
  { kind: 'url-password', pattern: /\bpostgres(?:ql)?:\/\/[^:/\s'"`@]+:(?<value>[^@\s'"`$]+)@/g },
  { kind: 'signer-key', pattern: /(?<value>PRIVATE\+KEY\+[^\s'"`+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*)/g },
  // A test's throwaway secret handed straight to a signing call: long, no spaces, says what it is.
  { kind: 'literal', pattern: /['"`](?<value>[\w.+=-]*secret[\w.+=-]*)['"`]/gi },
];
const PEM_PRIVATE_KEY =
  /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----(?:[A-Za-z0-9+/=\s]|\\n)+?-----END \1-----/g;

/** Every secret in one file's text. */
export function secretsInText(file: string, text: string): CommittedSecret[] {
  const found: CommittedSecret[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match.groups!.value;
      if (value.startsWith('$') || value.length < MIN_LENGTH || (kind === 'literal' && value.length < 24)) continue;
      found.push({ file, kind, value, digest: secretDigest(value) });
    }
  }
  for (const match of text.matchAll(PEM_PRIVATE_KEY)) {
    try {
      const key = createPrivateKey(match[0].replace(/\\n/g, '\n'));
      found.push({ file, kind: 'private-key', value: match[0], digest: publicKeyDigest(key) });
    } catch {
      // A placeholder or an encrypted key: nothing anyone could sign with.
    }
  }
  return found;
}

/** The repository's files, committed or about to be (git's view, so ignored build output and data stay out). */
export function repositoryFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed.split('\0').filter((file) => file !== '' && file !== DIGESTS_FILE && file !== 'package-lock.json');
}

export function committedSecrets(root: string): CommittedSecret[] {
  return repositoryFiles(root).flatMap((file) => {
    const path = join(root, file);
    let text: string;
    try {
      if (!statSync(path).isFile() || statSync(path).size > 2_000_000) return [];
      text = readFileSync(path, 'utf8');
    } catch {
      return []; // deleted in the work tree but not yet in git
    }
    return text.includes('\0') ? [] : secretsInText(file, text);
  });
}
