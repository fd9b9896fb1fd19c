// `spanwise check`: is this file a healthy Spanwise project? SQLite's integrity_check and
// foreign_key_check, the schema version, and what it holds. Reads only: the file is opened
// read-only and never migrated, so checking a file cannot change it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { LATEST_VERSION } from './db/migrations';
import path from 'node:path';
import { APPLICATION_ID, folderWritable, readableCopy, readHeader, removeSidecarsOnClose } from './db/open';

export interface ProjectCounts {
  articles: number;
  annotators: number;
  labels: number;
  /** Live spans (tombstones not counted). */
  spans: number;
  decisions: number;
}

export interface CheckReport {
  file: string;
  healthy: boolean;
  /** What is wrong, one line each (empty when healthy). */
  problems: string[];
  schemaVersion: number | null;
  counts: ProjectCounts | null;
}

/** The most integrity_check rows reported; SQLite can list thousands for one bad page. */
const MAX_ROWS = 20;

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).pluck().get() as number | undefined) ?? 0;
}

export function projectCounts(db: Database.Database): ProjectCounts {
  const has = (t: string) => count(db, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '${t}'`) > 0;
  return {
    articles: count(db, 'SELECT count(*) FROM articles'),
    annotators: count(db, 'SELECT count(*) FROM annotators'),
    labels: count(db, 'SELECT count(*) FROM labels'),
    spans: count(db, 'SELECT count(*) FROM spans WHERE deleted = 0'),
    decisions: has('decisions') ? count(db, 'SELECT count(*) FROM decisions') : 0,
  };
}

export function checkProject(file: string): CheckReport {
  const report: CheckReport = { file, healthy: false, problems: [], schemaVersion: null, counts: null };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('NOT_FOUND', `no project at ${file}`);
  }
  const problems = report.problems;
  if (!stat.isFile()) problems.push('not a file');
  else if (stat.size === 0) problems.push('an empty file (0 bytes), not a project');
  else {
    const header = readHeader(file, stat.size);
    if (!header.sqlite) problems.push('not a SQLite file, so not a Spanwise project');
    else if (header.truncated) problems.push('the file is shorter than the pages its header counts: it was cut short');
  }
  if (problems.length) return report;
  let db: Database.Database | null = null;
  try {
    if (folderWritable(file)) {
      db = new Database(file, { readonly: true, fileMustExist: true });
      removeSidecarsOnClose(db, file);
    } else {
      const copy = readableCopy(file);
      db = new Database(copy, { readonly: true, fileMustExist: true });
      const close = db.close.bind(db);
      db.close = () => {
        close();
        fs.rmSync(path.dirname(copy), { recursive: true, force: true });
        return db!;
      };
    }
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    report.schemaVersion = version;
    if (appId !== APPLICATION_ID) {
      problems.push(`not marked as a Spanwise project (application_id ${appId})`);
      return report;
    }
    if (version > LATEST_VERSION) {
      problems.push(`schema ${version} is newer than this Spanwise reads (up to ${LATEST_VERSION})`);
    }
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const bad = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    for (const line of bad.slice(0, MAX_ROWS)) problems.push(`integrity_check: ${line}`);
    if (bad.length > MAX_ROWS) problems.push(`integrity_check: … and ${bad.length - MAX_ROWS} more`);
    const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const r of fk.slice(0, MAX_ROWS)) {
      problems.push(`foreign_key_check: ${r.table} row ${r.rowid} points at a missing ${r.parent} row`);
    }
    if (fk.length > MAX_ROWS) problems.push(`foreign_key_check: … and ${fk.length - MAX_ROWS} more`);
    if (bad.length === 0) report.counts = projectCounts(db);
  } catch (err) {
    problems.push(`SQLite cannot read it: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
  report.healthy = problems.length === 0;
  return report;
}

export function formatCheck(r: CheckReport): string {
  const lines = [`${r.file}: ${r.healthy ? 'healthy' : 'DAMAGED or not a project'}`];
  if (r.schemaVersion !== null) {
    const note = r.schemaVersion < LATEST_VERSION ? ` (older; upgraded to ${LATEST_VERSION} when opened to edit)` : '';
    lines.push(`  schema version   ${r.schemaVersion}${note}`);
  }
  if (r.counts) {
    for (const [k, v] of Object.entries(r.counts) as [string, number][]) {
      lines.push(`  ${k.padEnd(16)} ${v.toLocaleString('en-US')}`);
    }
  }
  for (const p of r.problems) lines.push(`  problem: ${p}`);
  return lines.join('\n');
}
