import { tableMigration } from '@app/platform';

/**
 * The auditor's verification jobs (POST /audit/verify): one row per run, its progress while it runs and its report
 * when done, so any instance, and the same one after a restart, answers for it. An ordinary table (the runtime role
 * writes it row by row, runtime-privileges.ts): a job is an observation of the log, never part of it. At most one
 * whole-log job runs at a time (the partial unique index); the job's session holds an advisory lock while it runs,
 * so a row left `running` by a process that died is found out and shown as failed (verification-jobs.ts).
 */
export const VerificationJobs1767200000000 = tableMigration('VerificationJobs1767200000000', 'verification_jobs', {
  columns: `
        job_id uuid PRIMARY KEY,
        stream_id text,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        requested_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        events_total bigint,
        events_checked bigint NOT NULL DEFAULT 0,
        streams_checked bigint NOT NULL DEFAULT 0,
        up_to_position bigint,
        report jsonb,
        error text,
        CHECK ((status = 'running') = (finished_at IS NULL)),
        CHECK (status <> 'succeeded' OR (report IS NOT NULL AND up_to_position IS NOT NULL)),
        CHECK (status <> 'failed' OR error IS NOT NULL)`,
  indexes: (s) => [
    `CREATE UNIQUE INDEX verification_jobs_one_running ON "${s}".verification_jobs ((true)) WHERE status = 'running'`,
    `CREATE INDEX verification_jobs_finished ON "${s}".verification_jobs (finished_at DESC) WHERE stream_id IS NULL AND status = 'succeeded'`,
    `CREATE INDEX verification_jobs_started ON "${s}".verification_jobs (started_at DESC)`,
  ],
});
