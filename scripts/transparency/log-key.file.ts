import { readFileSync } from 'node:fs';
import { parseVerifierKey, type NoteVerifier } from '@app/transparency';

/** A usage error about a key file (exit 2). */
export class KeyFileError extends Error {}

/** The log's verifier key from a vkey file: its first non-empty line, `<origin>+<hex id>+<base64>` (Ed25519). */
export function readLogKey(path: string | undefined, usage: string): NoteVerifier & { readonly publicKey: Buffer } {
  if (!path)
    throw new KeyFileError(
      `--key <vkey file> is required: the log's verifier key (the embedded default writes <data dir>/keys/<service>.vkey)\n${usage}`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KeyFileError(`cannot read the log's key ${path}: ${(error as Error).message}`);
  }
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  try {
    return parseVerifierKey(line ?? '');
  } catch (error) {
    throw new KeyFileError(
      `${path} does not hold a log verifier key (<origin>+<hex id>+<base64>, Ed25519): ${(error as Error).message}`,
    );
  }
}

/** Each verifier key file of a repeated option (witness vkeys), read the same way. */
export function readKeyLines(paths: readonly string[]): { path: string; line: string }[] {
  return paths.map((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new KeyFileError(`cannot read ${path}: ${(error as Error).message}`);
    }
    return {
      path,
      line:
        text
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l !== '') ?? '',
    };
  });
}
