import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { LogCheckpoints, LogVerifier, type LogVerificationReport, type TrustedTreeHead } from '@app/event-store';
import { NoteError, openNote, parseCheckpoint, type NoteVerifier } from '@app/transparency';
import { UsageError } from '../cli-support';
import { readLogKey } from './log-key.file';

export interface LogCheckOptions {
  keyFile?: string;
  checkpointFile?: string;
}

export interface LogCheckResult extends LogVerificationReport {
  origin: string;
  /** Where the trusted checkpoint came from: the file given, or the database's latest signed one. */
  trustedFrom: string;
  rootHash: string;
}

/** The checkpoint a signed note carries, if the log's key signed it and its origin is the key's name. */
function openCheckpoint(note: string, key: NoteVerifier): TrustedTreeHead & { origin: string } {
  const checkpoint = parseCheckpoint(openNote(note, [key]).text);
  if (checkpoint.origin !== key.name)
    throw new NoteError(
      'malformed_checkpoint',
      `checkpoint origin "${checkpoint.origin}" is not the key's name "${key.name}"`,
    );
  return { size: checkpoint.size, rootHash: checkpoint.rootHash, origin: checkpoint.origin };
}

/**
 * The database against a signed checkpoint: the one in --checkpoint, else the latest in log_checkpoints that the key
 * verifies (an insider cannot sign one, only delete some). Every stored checkpoint that verifies helps narrow a rewrite.
 */
export async function verifyAgainstCheckpoint(
  ds: DataSource,
  schema: string,
  options: LogCheckOptions,
): Promise<LogCheckResult> {
  const key = readLogKey(options.keyFile, '');
  const stored = await new LogCheckpoints(ds, schema).list(0, Number.MAX_SAFE_INTEGER);
  const history = stored.flatMap((c) => {
    try {
      return [openCheckpoint(c.note, key)];
    } catch {
      return [];
    }
  });
  let trusted: TrustedTreeHead & { origin: string };
  let trustedFrom: string;
  if (options.checkpointFile) {
    let note: string;
    try {
      note = readFileSync(options.checkpointFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --checkpoint ${options.checkpointFile}: ${(error as Error).message}`);
    }
    try {
      const notes = notesIn(note);
      const heads = notes.map((n) => openCheckpoint(n, key));
      trusted = heads.reduce((a, b) => (b.size >= a.size ? b : a));
      history.push(...heads);
    } catch (error) {
      throw new UsageError(
        `--checkpoint ${options.checkpointFile} is not a checkpoint signed by ${key.name}: ${(error as Error).message}`,
      );
    }
    trustedFrom = options.checkpointFile;
  } else {
    const latest = history[history.length - 1];
    if (!latest)
      throw new UsageError(
        `the database holds no checkpoint signed by ${key.name}: nothing to check the log against (give --checkpoint)`,
      );
    trusted = latest;
    trustedFrom = `the database's latest checkpoint signed by ${key.name}`;
  }
  const report = await new LogVerifier(ds, schema).verify(trusted, { history });
  return { ...report, origin: trusted.origin, trustedFrom, rootHash: Buffer.from(trusted.rootHash).toString('base64') };
}

/**
 * The signed notes a --checkpoint file holds: a note as GET /audit/checkpoint serves it, a witness's checkpoint.json
 * (its `note`), or a witness's history.jsonl (every line's `note`: all of them help narrow a rewrite down).
 */
function notesIn(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return [text];
  const noteOf = (value: unknown): string => {
    const note = (value as { note?: unknown }).note;
    if (typeof note !== 'string') throw new Error('a JSON object without a "note"');
    return note;
  };
  try {
    return [noteOf(JSON.parse(trimmed))];
  } catch {
    return trimmed
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => noteOf(JSON.parse(line)));
  }
}

export function describeLogReport(
  report: LogCheckResult | undefined,
  options: LogCheckOptions,
  stream: string | undefined,
): string[] {
  if (!report) {
    return [
      options.keyFile && stream !== undefined
        ? 'log: not checked for a single stream (run without --stream)'
        : 'log: not checked against a signed checkpoint (give --key <vkey file>)',
    ];
  }
  const lines = [
    `log ${report.origin}: checked ${report.leavesChecked} of ${report.treeSize} leaves against the checkpoint of size ${report.treeSize}, root ${report.rootHash}`,
    `  (trusted: ${report.trustedFrom}; ${report.eventsAfterCheckpoint} event(s) after it, proved by no checkpoint yet)`,
  ];
  if (report.ok) {
    lines.push('intact: every leaf present and equal, the roots equal');
  } else {
    lines.push(`NOT INTACT: ${report.problems.length} problem(s) against the signed checkpoint:`);
    for (const p of report.problems) {
      lines.push(
        `  - ${p.kind}${p.streamId ? `: stream ${p.streamId}` : ''}${p.streamVersion !== undefined ? `, version ${p.streamVersion}` : ''}`,
        `    ${p.detail}`,
      );
    }
  }
  return lines;
}
