import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import type { LoggerService } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import { NotFoundError } from '@app/domain-kernel';
import type { Queryable } from '@app/platform';
import type { IntegrityProblem, StreamVerifier, VerificationReport } from './stream-verifier';

export type VerificationJobStatus = 'running' | 'succeeded' | 'failed';

/**
 * What GET /audit/verify answered before jobs existed, and what a finished job carries: the verifier's report (its
 * problems at most MAX_REPORTED_PROBLEMS; events after upToPosition wait for the next job), of which schema, when.
 */
export interface VerificationJobReport extends VerificationReport {
  schema: string;
  checkedAt: string;
}

export interface VerificationJob {
  id: string;
  /** log: every stream of the service; stream: the one named by streamId. */
  scope: 'log' | 'stream';
  streamId: string | null;
  /** succeeded: the chains were recomputed to the end (the report says whether they hold); failed: the run did not finish. */
  status: VerificationJobStatus;
  requestedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  progress: {
    eventsChecked: number;
    /** The events the job covers, those in the log when it started; null until it has counted them. */
    eventsTotal: number | null;
    streamsChecked: number;
  };
  report: VerificationJobReport | null;
  /** Why a failed job did not finish (abandoned by a process that stopped, a database error...). */
  error: string | null;
}

/** A report names at most this many broken streams (all are counted in brokenStreams): a bound on the row and the answer. */
export const MAX_REPORTED_PROBLEMS = 1000;
/** Events a job reads per query, then it records its progress and lets the service answer others. */
export const JOB_BATCH_SIZE = 1000;
/** Finished jobs kept (the newest; the latest whole-log report always stays, GET /audit/verify answers it). */
export const JOBS_KEPT = 100;

/** How long a shutdown waits for the running job to record that it stopped. */
const STOP_WAIT_MS = 3000;

export const ABANDONED =
  'abandoned: the process running it stopped before it finished (its session and lock are gone); start another';

interface JobRow {
  job_id: string;
  stream_id: string | null;
  status: VerificationJobStatus;
  requested_by: string;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  events_total: string | null;
  events_checked: string;
  streams_checked: string;
  up_to_position: string | null;
  report: { ok: boolean; brokenStreams: number; problems: IntegrityProblem[] } | null;
  error: string | null;
}

/**
 * The auditor's verifications of the hash chains as jobs whose state lives in the service's verification_jobs
 * table. A whole-log job runs in the background on one connection of its own, reading the log in batches and
 * yielding between them, and holds a session advisory lock (per schema) while it runs: at most one runs at a time
 * across every instance of the service, and a row still `running` whose lock nobody holds belonged to a process
 * that died, so it is shown as failed (ABANDONED) instead of running for ever. A single stream is one record's
 * history: it is verified within the request and stored as a finished job.
 */
export class VerificationJobs {
  private local?: { id: string; abort: AbortController; done: Promise<void> };

  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
    private readonly verifier: StreamVerifier,
    private readonly logger?: LoggerService,
  ) {}

  private get table(): string {
    return `"${this.schema}".verification_jobs`;
  }

  private get lockKey(): string {
    return `${this.schema}:verification-job`;
  }

  /**
   * Starts a verification of the whole log, or finds the one running (here or in another instance): `started`
   * says which. The lock is taken before the row is written and released after it is finished, so a row seen
   * running with its lock free is never a job that is about to start or has just ended.
   */
  async startLog(requestedBy: string): Promise<{ job: VerificationJob; started: boolean }> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      let handedOver = false;
      try {
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.lockKey]);
        if (locked) {
          try {
            const job = await this.begin(runner, requestedBy);
            this.launch(job.id, runner);
            handedOver = true;
            return { job, started: true };
          } finally {
            if (!handedOver) await this.unlock(runner);
          }
        }
      } finally {
        if (!handedOver) await runner.release().catch(() => undefined);
      }
      // Another session holds the lock: its job is running, or is about to be written, or has just finished.
      const running = await this.runningJob();
      if (running) return { job: running, started: false };
      await sleep(25);
    }
    throw new Error('no verification job could be started or found running: the lock stayed taken without a job');
  }

  /** Verifies one stream now (its history is one record's: read in batches, within the request) and stores it as a job. */
  async verifyStream(streamId: string, requestedBy: string): Promise<VerificationJob> {
    const startedAt = new Date();
    const report = await this.verifier.verifyStream(streamId, {
      batchSize: JOB_BATCH_SIZE,
      maxProblems: MAX_REPORTED_PROBLEMS,
    });
    if (report.eventsChecked === 0) throw new NotFoundError('Stream', streamId);
    const [row]: JobRow[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (job_id, stream_id, status, requested_by, started_at, finished_at, events_total,
                                  events_checked, streams_checked, up_to_position, report)
       VALUES ($1, $2, 'succeeded', $3, $4, now(), $5, $5, $6, $7, $8) RETURNING *`,
      [
        randomUUID(),
        streamId,
        requestedBy,
        startedAt,
        report.eventsChecked,
        report.streamsChecked,
        report.upToPosition,
        storedReport(report),
      ],
    );
    await this.prune(this.dataSource);
    return this.view(row);
  }

  /** The job, as it stands; a running one whose process died is settled as failed first. */
  async find(id: string): Promise<VerificationJob> {
    const [row]: JobRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE job_id = $1`, [id]);
    if (!row) throw new NotFoundError('Verification job', id);
    return this.view(row.status === 'running' ? await this.settle(row) : row);
  }

  /** The whole-log job running now, in any instance, if there is one alive. */
  async runningJob(): Promise<VerificationJob | undefined> {
    const [row]: JobRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE status = 'running'`);
    if (!row) return undefined;
    const settled = await this.settle(row);
    return settled.status === 'running' ? this.view(settled) : undefined;
  }

  /** The newest whole-log job that ran to the end, with how many events the log has gained since it looked. */
  async latestFinished(): Promise<{ job: VerificationJob; eventsAppendedSince: number } | undefined> {
    const [row]: JobRow[] = await this.dataSource.query(
      `SELECT * FROM ${this.table} WHERE stream_id IS NULL AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
    );
    if (!row) return undefined;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM "${this.schema}".events WHERE global_position > $1`,
      [row.up_to_position],
    );
    return { job: this.view(row), eventsAppendedSince: n };
  }

  /** Nest's first hook of a shutdown: the job is told to stop before the service's readers and HTTP close. */
  beforeApplicationShutdown(): void {
    this.abortLocal();
  }

  /** Nest's hook: the job has recorded that it stopped before the database closes. */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * On shutdown: the job running here stops at its next batch and is recorded as failed, naming why. A batch stuck
   * in the database is not waited for past STOP_WAIT_MS: its connection closes with the pool, its lock with it, and
   * the row, still running, is settled as abandoned by the next reader.
   */
  async stop(): Promise<void> {
    const local = this.abortLocal();
    if (local) await Promise.race([local.done, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
  }

  private abortLocal(): VerificationJobs['local'] {
    const local = this.local;
    if (local && !local.abort.signal.aborted) {
      this.logger?.log(`verification job ${local.id}: stopping with the service`, 'VerificationJobs');
      local.abort.abort(new Error('stopped: the service shut down before the job finished; start another'));
    }
    return local;
  }

  private async begin(runner: QueryRunner, requestedBy: string): Promise<VerificationJob> {
    // Holding the lock, any row still running is a dead process's.
    await runner.query(
      `UPDATE ${this.table} SET status = 'failed', error = $1, finished_at = now(), updated_at = now() WHERE status = 'running'`,
      [ABANDONED],
    );
    const [row]: JobRow[] = await runner.query(
      `INSERT INTO ${this.table} (job_id, status, requested_by) VALUES ($1, 'running', $2) RETURNING *`,
      [randomUUID(), requestedBy],
    );
    await this.prune(runner);
    return this.view(row);
  }

  private launch(id: string, runner: QueryRunner): void {
    const abort = new AbortController();
    const done = this.execute(id, runner, abort.signal).finally(() => {
      if (this.local?.id === id) this.local = undefined;
    });
    this.local = { id, abort, done };
  }

  private async execute(id: string, runner: QueryRunner, signal: AbortSignal): Promise<void> {
    try {
      const report = await this.verifier.verifyAll({
        db: runner,
        batchSize: JOB_BATCH_SIZE,
        maxProblems: MAX_REPORTED_PROBLEMS,
        signal,
        onProgress: async (progress) => {
          const updated = await updateReturning(
            runner,
            `UPDATE ${this.table} SET events_total = $2, events_checked = $3, streams_checked = $4, updated_at = now()
              WHERE job_id = $1 AND status = 'running' RETURNING job_id`,
            [id, progress.eventsTotal, progress.eventsChecked, progress.streamsChecked],
          );
          if (updated.length === 0) throw new Error('the job was settled by another instance while it ran');
          // Hashing is CPU work: between batches the service answers its other requests.
          await yieldToEventLoop();
        },
      });
      await runner.query(
        `UPDATE ${this.table} SET status = 'succeeded', finished_at = now(), updated_at = now(), events_checked = $2,
                streams_checked = $3, up_to_position = $4, report = $5
          WHERE job_id = $1 AND status = 'running'`,
        [id, report.eventsChecked, report.streamsChecked, report.upToPosition, storedReport(report)],
      );
      this.logger?.log(
        `verification job ${id}: ${report.eventsChecked} events of ${report.streamsChecked} streams checked, ${report.brokenStreams} broken`,
        'VerificationJobs',
      );
    } catch (error) {
      const reason = signal.aborted ? (signal.reason as Error).message : `failed: ${(error as Error).message}`;
      if (!signal.aborted) this.logger?.warn(`verification job ${id} ${reason}`, 'VerificationJobs');
      // The pool, not the job's connection, which may be what broke.
      await this.dataSource
        .query(
          `UPDATE ${this.table} SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
            WHERE job_id = $1 AND status = 'running'`,
          [id, reason],
        )
        .catch((e: Error) =>
          this.logger?.warn(`verification job ${id}: its failure was not recorded (${e.message})`, 'VerificationJobs'),
        );
    } finally {
      await this.unlock(runner);
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * A row that says running: if no session holds the job lock, its process is gone (Postgres released the lock
   * with the connection), so it is recorded as failed. Asked inside a transaction whose lock ends with it.
   */
  private async settle(row: JobRow): Promise<JobRow> {
    return this.dataSource.transaction(async (m) => {
      const [{ free }] = await m.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS free', [this.lockKey]);
      if (!free) return row;
      const [settled] = await updateReturning<JobRow>(
        m,
        `UPDATE ${this.table} SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
          WHERE job_id = $1 AND status = 'running' RETURNING *`,
        [row.job_id, ABANDONED],
      );
      if (settled) return settled;
      const [fresh]: JobRow[] = await m.query(`SELECT * FROM ${this.table} WHERE job_id = $1`, [row.job_id]);
      return fresh ?? row;
    });
  }

  private async prune(db: Queryable): Promise<void> {
    await db.query(
      `DELETE FROM ${this.table} WHERE job_id IN (
         SELECT job_id FROM ${this.table} WHERE status <> 'running' ORDER BY started_at DESC OFFSET ${JOBS_KEPT})
         AND job_id IS DISTINCT FROM (SELECT job_id FROM ${this.table}
           WHERE stream_id IS NULL AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1)`,
    );
  }

  private async unlock(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockKey]).catch(() => undefined);
  }

  private view(row: JobRow): VerificationJob {
    const eventsChecked = Number(row.events_checked);
    const streamsChecked = Number(row.streams_checked);
    return {
      id: row.job_id,
      scope: row.stream_id === null ? 'log' : 'stream',
      streamId: row.stream_id,
      status: row.status,
      requestedBy: row.requested_by,
      startedAt: row.started_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      progress: {
        eventsChecked,
        eventsTotal: row.events_total === null ? null : Number(row.events_total),
        streamsChecked,
      },
      report:
        row.status === 'succeeded' && row.report && row.finished_at
          ? {
              schema: this.schema,
              checkedAt: row.finished_at.toISOString(),
              ok: row.report.ok,
              streamsChecked,
              eventsChecked,
              brokenStreams: row.report.brokenStreams,
              problems: row.report.problems,
              upToPosition: String(row.up_to_position),
            }
          : null,
      error: row.error,
    };
  }
}

const storedReport = (report: VerificationReport) =>
  JSON.stringify({ ok: report.ok, brokenStreams: report.brokenStreams, problems: report.problems });

/** The rows of an UPDATE … RETURNING: TypeORM answers an UPDATE on Postgres as [rows, count]. */
async function updateReturning<R = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<R[]> {
  const [rows] = (await db.query(sql, params)) as [R[], number];
  return rows;
}
