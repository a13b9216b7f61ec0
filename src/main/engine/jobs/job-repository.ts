import type { Database, Statement } from 'better-sqlite3';
import type { Job, JobKind, JobProgress, JobStatus } from '../../../shared/contract';

interface JobRow {
  job_id: string;
  kind: string;
  status: string;
  params: string | null;
  progress: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

/** Jobs as rows: a job's last progress and its outcome survive a restart. */
export class JobRepository {
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly byId: Statement<[string], JobRow>;

  constructor(private readonly db: Database) {
    this.insertRow = db.prepare('INSERT INTO jobs (job_id, kind, status, params, created_at, started_at) VALUES (@jobId, @kind, @status, @params, @createdAt, @createdAt)');
    this.updateRow = db.prepare('UPDATE jobs SET status = @status, progress = @progress, error = @error, finished_at = @finishedAt WHERE job_id = @jobId');
    this.byId = db.prepare('SELECT * FROM jobs WHERE job_id = ?');
  }

  insert(job: Job): void {
    this.insertRow.run({ jobId: job.jobId, kind: job.kind, status: job.status, params: JSON.stringify(job.params), createdAt: job.createdAt });
  }

  update(job: Job): void {
    // The result rides in the progress column's JSON: one column for "what the job last said".
    this.updateRow.run({
      jobId: job.jobId,
      status: job.status,
      progress: JSON.stringify({ progress: job.progress, result: job.result }),
      error: job.error,
      finishedAt: job.finishedAt,
    });
  }

  get(jobId: string): Job | undefined {
    const row = this.byId.get(jobId);
    return row ? toJob(row) : undefined;
  }

  list(limit: number, kind?: JobKind): Job[] {
    const rows = (
      kind === undefined
        ? this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM jobs WHERE kind = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(kind, limit)
    ) as JobRow[];
    return rows.map(toJob);
  }

  /** Jobs that were running when the process died did not finish: say so rather than show them running forever. */
  failInterrupted(now: number): number {
    return this.db.prepare("UPDATE jobs SET status = 'failed', error = 'interrupted: the engine stopped while it ran', finished_at = ? WHERE status = 'running'").run(now).changes;
  }
}

function toJob(row: JobRow): Job {
  const saved = row.progress ? (JSON.parse(row.progress) as { progress: JobProgress | null; result: Record<string, unknown> | null }) : { progress: null, result: null };
  return {
    jobId: row.job_id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    params: row.params ? (JSON.parse(row.params) as Record<string, unknown>) : {},
    progress: saved.progress,
    result: saved.result,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
