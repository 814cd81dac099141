// Checks an event's receipt (GET /audit/receipts/<eventId>, saved to a file) against the log's verifier key:
//   npm run audit:check-receipt -- <receipt file | -> --key <log vkey file> [--witness <vkey file> ...] [--url <service base URL>]
// Offline: the checkpoint's signature and origin, the leaf hash recomputed from the receipt's leaf, and its RFC 9162
// inclusion proof against the signed root; each --witness key's cosignature must be on the checkpoint too.
// With --url, also online: the log's latest checkpoint must extend the receipt's (consistency proof) and its current
// receipt must carry exactly this leaf at this index, so a receipt saved before a rewrite fails after it.
// Exit 0: proved; 1: the receipt does not prove it, or the log no longer agrees with it; 2: usage, network or
// runtime error (nothing was concluded).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CheckpointProblem,
  keyLabel,
  parseWitnessVerifierKey,
  verifyCosignature,
  type WitnessVerifier,
} from '@app/transparency';
import {
  checkReceipt,
  checkStillInLog,
  NOT_YET_COVERED,
  parseReceipt,
  ReceiptProblem,
  type CheckedReceipt,
} from '@app/event-store/receipts';
import { fail, exitOnHelp, reportFailure } from './cli-support';
import { AuditHttpClient, AuditHttpError, NotYetCovered } from './transparency/audit-http.client';
import { KeyFileError, readKeyLines, readLogKey } from './transparency/log-key.file';

const USAGE =
  'usage: npm run audit:check-receipt -- <receipt file | -> --key <log vkey file> [--witness <vkey file> ...] [--url <service base URL>]';

const b64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

function readReceiptFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    fail(`cannot read the receipt ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${path} is not JSON (save the body of GET /audit/receipts/<eventId>): ${(error as Error).message}`);
  }
}

function printProved(checked: CheckedReceipt, otherLines: number): void {
  const { receipt, checkpoint } = checked;
  const leaf = receipt.leaf;
  process.stdout.write(
    [
      `receipt OK: the log ${checkpoint.origin} committed to this event in its signed tree of size ${checkpoint.size}`,
      `  event      ${leaf.eventId}`,
      `  stream     ${leaf.streamType} ${leaf.streamId}, version ${leaf.streamVersion}`,
      `  recorded   ${leaf.recordedAt}`,
      `  event hash ${leaf.hash}`,
      `  leaf       index ${receipt.leafIndex}, hash ${b64(checked.leafHash)}`,
      `  tree       size ${checkpoint.size}, root ${b64(checkpoint.rootHash)}`,
      ...(otherLines > 0
        ? [
            `  (${otherLines} other signature line(s) on the checkpoint, not checked: pass --witness <vkey file> to check a witness's)`,
          ]
        : []),
    ].join('\n') + '\n',
  );
}

async function main(): Promise<number> {
  exitOnHelp(USAGE);
  let values: { key?: string; url?: string; witness?: string[] };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: { key: { type: 'string' }, url: { type: 'string' }, witness: { type: 'string', multiple: true } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (positionals.length !== 1) fail(`give exactly one receipt file (or - for stdin)\n${USAGE}`);
  let logKey;
  let witnesses: { path: string; verifier: WitnessVerifier }[];
  try {
    logKey = readLogKey(values.key, USAGE);
    witnesses = readKeyLines(values.witness ?? []).map(({ path, line }) => {
      try {
        return { path, verifier: parseWitnessVerifierKey(line) };
      } catch (error) {
        throw new KeyFileError(`${path} does not hold a witness verifier key (type 0x04): ${(error as Error).message}`);
      }
    });
  } catch (error) {
    if (error instanceof KeyFileError) fail(error.message);
    throw error;
  }
  const client = values.url !== undefined ? tryClient(values.url) : undefined;
  const body = readReceiptFile(positionals[0]);

  let checked: CheckedReceipt;
  try {
    checked = checkReceipt(parseReceipt(body), logKey);
  } catch (error) {
    if (error instanceof ReceiptProblem || error instanceof CheckpointProblem) {
      process.stderr.write(`RECEIPT REFUSED (${positionals[0]}): ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const signatureLines = checked.receipt.checkpoint
    .slice(checked.receipt.checkpoint.lastIndexOf('\n\n') + 2)
    .split('\n')
    .filter(Boolean).length;
  printProved(checked, witnesses.length > 0 ? 0 : signatureLines - 1);

  let problems = 0;
  for (const { path, verifier } of witnesses) {
    try {
      const { time } = verifyCosignature(checked.receipt.checkpoint, verifier);
      process.stdout.write(`  cosigned   by ${keyLabel(verifier)} at ${new Date(time * 1000).toISOString()}\n`);
    } catch (error) {
      process.stderr.write(
        `NOT COSIGNED by the witness of ${path} (${keyLabel(verifier)}): ${(error as Error).message}\n`,
      );
      problems++;
    }
  }
  if (client === undefined) return problems > 0 ? 1 : 0;

  process.stderr.write(`asking ${client.url} whether the log still holds this leaf...\n`);
  let result;
  try {
    result = await checkStillInLog(checked, logKey, {
      latestNote: await client.latestCheckpoint(),
      consistencyProof: (from, to) => client.consistencyProof(from, to),
      currentReceipt: (eventId) =>
        client
          .receipt(eventId)
          .catch((error: unknown) => (error instanceof NotYetCovered ? NOT_YET_COVERED : Promise.reject(error))),
    });
  } catch (error) {
    if (error instanceof CheckpointProblem) {
      process.stderr.write(`LOG REFUSED (${client.url}): ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (result.problems.length > 0) {
    process.stderr.write(
      `THE LOG NO LONGER AGREES with the receipt of event ${checked.receipt.leaf.eventId} (leaf ${checked.receipt.leafIndex}, ` +
        `tree size ${checked.checkpoint.size}, root ${b64(checked.checkpoint.rootHash)}):\n` +
        result.problems.map((p) => `  - ${p}\n`).join('') +
        `keep this receipt: its checkpoint is signed by ${keyLabel(logKey)} and is evidence of what the log said before\n`,
    );
    return 1;
  }
  process.stdout.write(
    `still in the log: its latest checkpoint (size ${result.latest.size}, root ${b64(result.latest.rootHash)}) extends the receipt's, ` +
      `and its current receipt has the same leaf at index ${checked.receipt.leafIndex}\n`,
  );
  return problems > 0 ? 1 : 0;
}

function tryClient(url: string): AuditHttpClient {
  try {
    return new AuditHttpClient(url);
  } catch (error) {
    fail((error as Error).message);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => reportFailure('audit:check-receipt', error, [AuditHttpError]),
);
