import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotFoundError, ValidationFailedError } from '@app/domain-kernel';
import { Public } from '@app/platform';
import {
  consistencyProof,
  inclusionProof,
  NoteError,
  parseWitnessVerifierKey,
  verifyCosignature,
} from '@app/transparency';
import { eventLeafHash, eventLeafOf } from './event-leaf';
import { TransparencyLog } from './transparency-log';
import { CosignatureRefusedError, LogNotThereYetError } from './log-errors';
import {
  CheckpointsQueryDto,
  ConsistencyProofQueryDto,
  CosignatureDto,
  InclusionProofQueryDto,
} from './transparency-queries.dto';
import type { StoredCheckpoint } from './log-checkpoints';
import { EventStore } from '../store/event-store';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../store/recorded-event';

export const RECEIPT_FORMAT = 'integrity-square/receipt/v1';
/** Witnesses per checkpoint, well under a signed note's 100 lines: a flood of self-made keys cannot crowd it. */
const MAX_COSIGNATURES = 50;
const b64 = (hash: Buffer) => hash.toString('base64');

/**
 * The log's public face: checkpoints, RFC 9162 proofs, cosignatures and receipts. Public on purpose: whoever checks
 * the log must need nothing from the operator but these answers and the log's verifier key.
 */
@Controller('audit')
export class TransparencyController {
  constructor(
    private readonly log: TransparencyLog,
    private readonly store: EventStore,
  ) {}

  /** The latest checkpoint as a C2SP signed note, with the cosignatures witnesses sent back. */
  @Public()
  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async checkpoint(): Promise<string> {
    const latest = await this.latestOrNone();
    return this.withCosignatures(latest);
  }

  @Public()
  @Get('checkpoints')
  async checkpoints(@Query() query: CheckpointsQueryDto) {
    const list = await this.log.checkpoints.list(query.fromSize ?? 0, query.limit ?? 100);
    // The cosignatures of the whole page in one read.
    const lines = await this.log.checkpoints.cosignatureLinesOf(list.map((c) => c.size));
    return {
      origin: this.log.origin,
      checkpoints: list.map((c) => ({
        size: c.size,
        rootHash: b64(c.rootHash),
        issuedAt: c.issuedAt.toISOString(),
        note: c.note + (lines.get(c.size) ?? []).join(''),
      })),
    };
  }

  /** RFC 9162 §2.1.3 inclusion proof of an event's leaf in the tree of `size` leaves (default: the latest checkpoint's). */
  @Public()
  @Get('proofs/inclusion')
  async inclusion(@Query() query: InclusionProofQueryDto) {
    const leafIndex = await this.leafIndexOf(query.eventId);
    const size = query.size ?? (await this.latestOrNone()).size;
    if (leafIndex >= size) {
      throw new LogNotThereYetError(
        'not_in_tree',
        `event ${query.eventId} is leaf ${leafIndex}, not inside a tree of ${size} leaves`,
        { leafIndex, size },
      );
    }
    const hashes = await this.beyondTreeIs404(size, () => inclusionProof(this.log.merkle, leafIndex, size));
    const [leafHash] = await this.log.merkle.hashesAt([{ level: 0, index: leafIndex }]);
    return { eventId: query.eventId, leafIndex, treeSize: size, leafHash: b64(leafHash), hashes: hashes.map(b64) };
  }

  /** RFC 9162 §2.1.4 consistency proof between two tree sizes. */
  @Public()
  @Get('proofs/consistency')
  async consistency(@Query() query: ConsistencyProofQueryDto) {
    if (query.from > query.to)
      throw new ValidationFailedError('from', `from (${query.from}) must not be greater than to (${query.to})`, {
        from: query.from,
        to: query.to,
      });
    const hashes = await this.beyondTreeIs404(query.to, () => consistencyProof(this.log.merkle, query.from, query.to));
    return { from: query.from, to: query.to, hashes: hashes.map(b64) };
  }

  /** Takes a witness's cosignature back, once verified against the checkpoint it names; the checkpoint then carries it. */
  @Public()
  @Post('cosignatures')
  @HttpCode(201)
  async cosign(@Body() body: CosignatureDto) {
    const checkpoint = await this.log.checkpoints.ofSize(body.size);
    if (!checkpoint)
      throw new LogNotThereYetError('no_such_checkpoint', `the log signed no checkpoint of size ${body.size}`, {
        size: body.size,
      });
    let witness;
    try {
      witness = parseWitnessVerifierKey(body.witnessKey);
      verifyCosignature(
        checkpoint.note + (body.signature.endsWith('\n') ? body.signature : `${body.signature}\n`),
        witness,
      );
    } catch (error) {
      if (error instanceof NoteError)
        throw new CosignatureRefusedError(`cosignature refused: ${error.message}`, { size: body.size });
      throw error;
    }
    if ((await this.log.checkpoints.cosignatureCount(body.size)) >= MAX_COSIGNATURES) {
      throw new CosignatureRefusedError(`checkpoint ${body.size} already carries ${MAX_COSIGNATURES} cosignatures`, {
        size: body.size,
      });
    }
    const line = body.signature.endsWith('\n') ? body.signature : `${body.signature}\n`;
    const added = await this.log.checkpoints.addCosignature(body.size, body.witnessKey, witness.name, line);
    return { size: body.size, witness: witness.name, added };
  }

  /**
   * What a citizen keeps to prove, later and without trusting us, that the event was in the log: the leaf, its
   * inclusion proof, and the signed checkpoint it is proved against (the first one that covers it).
   */
  @Public()
  @Get('receipts/:eventId')
  async receipt(@Param('eventId') eventId: string, @Res({ passthrough: true }) response: Response) {
    const rows: EventRow[] = await this.store.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ${this.store.table} WHERE event_id = $1`,
      [eventId],
    );
    if (rows.length === 0) throw new NotFoundError('Event', eventId);
    const event = toRecordedEvent(rows[0]);
    const leafIndex = await this.log.merkle.leafIndexOf(eventId);
    const checkpoint = leafIndex === undefined ? undefined : await this.log.checkpoints.firstCovering(leafIndex);
    if (leafIndex === undefined || !checkpoint) {
      response.setHeader('Retry-After', '5');
      throw new LogNotThereYetError(
        'receipt_pending',
        `event ${eventId} is not in a signed checkpoint yet; ask again in a few seconds`,
        { eventId },
      );
    }
    const leaf = eventLeafOf(event);
    const hashes = await inclusionProof(this.log.merkle, leafIndex, checkpoint.size);
    return {
      format: RECEIPT_FORMAT,
      service: this.serviceName(),
      leaf,
      leafHash: b64(eventLeafHash(leaf)),
      leafIndex,
      treeSize: checkpoint.size,
      inclusion: hashes.map(b64),
      checkpoint: await this.withCosignatures(checkpoint),
    };
  }

  private serviceName(): string {
    return this.log.origin.slice(this.log.origin.lastIndexOf('/') + 1);
  }

  private async latestOrNone(): Promise<StoredCheckpoint> {
    const latest = await this.log.checkpoints.latest();
    if (!latest)
      throw new LogNotThereYetError(
        'no_checkpoint',
        'the log has signed no checkpoint yet (it does once it holds an event)',
      );
    return latest;
  }

  private async leafIndexOf(eventId: string): Promise<number> {
    const index = await this.log.merkle.leafIndexOf(eventId);
    if (index !== undefined) return index;
    const [known] = await this.store.dataSource.query(`SELECT 1 FROM ${this.store.table} WHERE event_id = $1`, [
      eventId,
    ]);
    if (!known) throw new NotFoundError('Event', eventId);
    throw new LogNotThereYetError(
      'not_sequenced',
      `event ${eventId} is not in the Merkle log yet; ask again in a moment`,
      { eventId },
    );
  }

  /**
   * Proofs are answered only for sizes the tree holds (the proof functions check it, one read): a size beyond is a
   * 404 saying so, never garbage for leaves the log does not have.
   */
  private async beyondTreeIs404<T>(size: number, prove: () => Promise<T>): Promise<T> {
    try {
      return await prove();
    } catch (error) {
      if (error instanceof RangeError) throw new LogNotThereYetError('beyond_tree', error.message, { size });
      throw error;
    }
  }

  private async withCosignatures(checkpoint: StoredCheckpoint): Promise<string> {
    const lines = await this.log.checkpoints.cosignatureLinesOf([checkpoint.size]);
    return checkpoint.note + (lines.get(checkpoint.size) ?? []).join('');
  }
}
