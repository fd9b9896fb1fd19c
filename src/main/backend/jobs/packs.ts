// Work-pack jobs as the worker runs them: merge (chosen packs in one transaction, or the inbox's
// new packs each in a savepoint of one transaction), assign, a work pack, an assignment pack
// opened. Cancel throws between spans or packs; the transaction rolls back.
import fs from 'node:fs';
import path from 'node:path';
import type { JobProgress } from '../../../shared/jobs';
import type { MergeJobSummary, OpenWorkPackSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import { writeTransaction } from '../db/handles';
import type { Connection } from '../db/open';
import { Cancelled } from '../importers/errors';
import { formatAssignmentSummary, writeAssignments, type AssignmentSummary } from '../packs/assign';
import { readPack, type Pack } from '../packs/format';
import { formatMergeSummary, mergeReadPacks } from '../packs/merge';
import { formatOpenPackSummary, openAssignmentPack } from '../packs/open-pack';
import { formatWorkPackSummary, writeWorkPack } from '../packs/work-pack';
import type { JobSpec } from './protocol';

export interface JobHooks {
  onProgress(progress: JobProgress): void;
  shouldCancel(): boolean;
}

/** Counts spans merged against the packs' total and stops when the user cancels. */
function spanCounter(packs: readonly Pack[], hooks: JobHooks): () => void {
  const total = packs.reduce((n, p) => n + p.spans.length, 0);
  let done = 0;
  return () => {
    if (hooks.shouldCancel()) throw new Cancelled();
    done++;
    if ((done & 255) === 0 || done === total) {
      hooks.onProgress({ done, total, unit: 'spans', message: `merging: ${done} of ${total} spans` });
    }
  };
}

function readAll(files: readonly string[], hooks: JobHooks): Pack[] {
  return files.map((file, i) => {
    if (hooks.shouldCancel()) throw new Cancelled();
    hooks.onProgress({
      done: i,
      total: files.length,
      unit: 'packs',
      message: `reading ${path.basename(file)} (${i + 1} of ${files.length})`,
    });
    return readPack(file, 'work');
  });
}

/** The chosen packs: every one read and checked first, then all merged in one transaction. */
function mergeChosen(db: Connection, files: readonly string[], hooks: JobHooks): MergeJobSummary {
  if (files.length === 0) throw new AppError('BAD_INPUT', 'no packs to merge');
  const packs = readAll(files, hooks);
  const merged = mergeReadPacks(db, packs, spanCounter(packs, hooks));
  return { inbox: null, merged, skipped: [], refused: [] };
}

/**
 * The inbox's packs: each not merged before (by checksum) is merged in its own savepoint, so a
 * refused pack (one still being copied, say) is reported and the others kept; all inside one
 * transaction, so that Cancel leaves the project as it was.
 */
function mergeFromInbox(db: Connection, folder: string, files: readonly string[], hooks: JobHooks): MergeJobSummary {
  const summary: MergeJobSummary = { inbox: folder, merged: [], skipped: [], refused: [] };
  return writeTransaction(db, (w) => {
    const seen = w.prepare<[string], { merged_at: string }>('SELECT merged_at FROM merged_packs WHERE checksum = ?');
    files.forEach((file, i) => {
      if (hooks.shouldCancel()) throw new Cancelled();
      hooks.onProgress({
        done: i,
        total: files.length,
        unit: 'packs',
        message: `${path.basename(file)} (${i + 1} of ${files.length})`,
      });
      try {
        const pack = readPack(file);
        if (pack.header.kind !== 'work') {
          summary.skipped.push({ file, reason: 'an assignment pack' });
          return;
        }
        const before = seen.get(pack.checksum);
        if (before) {
          summary.skipped.push({ file, reason: `merged before (${before.merged_at})` });
          return;
        }
        summary.merged.push(
          ...mergeReadPacks(w, [pack], () => {
            if (hooks.shouldCancel()) throw new Cancelled();
          }),
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        summary.refused.push({ file, message: err.message });
      }
    });
    return summary;
  });
}

export function formatMergeJob(s: MergeJobSummary): string {
  const lines = s.merged.map((m) => formatMergeSummary(m));
  for (const k of s.skipped) lines.push(`${k.file}: skipped, ${k.reason}`);
  for (const r of s.refused) lines.push(`refused: ${r.message}`);
  if (s.inbox !== null) {
    lines.push(`Inbox: ${s.merged.length} merged, ${s.skipped.length} skipped, ${s.refused.length} refused.`);
  }
  return lines.join('\n');
}

export function runMerge(db: Connection, spec: Extract<JobSpec, { kind: 'merge' }>, hooks: JobHooks) {
  const summary =
    spec.inbox === null ? mergeChosen(db, spec.paths, hooks) : mergeFromInbox(db, spec.inbox, spec.paths, hooks);
  return { report: formatMergeJob(summary), merge: summary };
}

export function runAssign(db: Connection, spec: Extract<JobSpec, { kind: 'assign' }>, hooks: JobHooks) {
  if (hooks.shouldCancel()) throw new Cancelled();
  fs.mkdirSync(spec.outDir, { recursive: true });
  const summary: AssignmentSummary = writeAssignments(db, {
    annotators: spec.annotators,
    share: spec.share,
    seed: spec.seed,
    outDir: spec.outDir,
  });
  return { report: formatAssignmentSummary(summary), assignment: summary };
}

export function runWorkPack(db: Connection, spec: Extract<JobSpec, { kind: 'pack' }>, hooks: JobHooks) {
  if (hooks.shouldCancel()) throw new Cancelled();
  const summary = writeWorkPack(db, spec.annotator, spec.out);
  return { report: formatWorkPackSummary(summary), workPack: summary };
}

/** Opens its own connection: the project may not exist yet (and is removed if it cannot be made). */
export function runOpenPack(spec: Extract<JobSpec, { kind: 'open-pack' }>, hooks: JobHooks) {
  if (hooks.shouldCancel()) throw new Cancelled();
  const result = openAssignmentPack(spec.projectFile, spec.pack);
  const summary: OpenWorkPackSummary = { ...result, project: spec.projectFile };
  return { report: formatOpenPackSummary(result, spec.projectFile), openPack: summary };
}
