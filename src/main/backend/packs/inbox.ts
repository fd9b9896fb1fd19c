// `spanwise merge --inbox DIR`: a folder that annotators' packs arrive in (a Syncthing folder,
// a network drive). Every pack not merged before (by checksum, remembered in merged_packs) is
// merged, each in its own transaction: a pack still being copied is refused and reported, and
// the next run takes it once it is whole.
import fs from 'node:fs';
import path from 'node:path';
import type { InboxSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/open';
import { PACK_EXT, readPack } from './format';
import { mergeReadPacks } from './merge';

export type { InboxSummary } from '../../../shared/packs';

/** Pack files in `dir`: the pack extension, not hidden (sync tools' and our temporary files). */
export function inboxFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('NOT_FOUND', `no inbox folder at ${dir}`);
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.endsWith(PACK_EXT))
    .map((e) => path.join(dir, e.name))
    .sort();
}

export function mergeInbox(db: Db, dir: string): InboxSummary {
  const summary: InboxSummary = { merged: [], skipped: [], refused: [] };
  const seen = db.prepare<[string], { file: string; merged_at: string }>(
    'SELECT file, merged_at FROM merged_packs WHERE checksum = ?',
  );
  for (const file of inboxFiles(dir)) {
    try {
      const pack = readPack(file);
      if (pack.header.kind !== 'work') {
        summary.skipped.push({ file, reason: 'an assignment pack' });
        continue;
      }
      const before = seen.get(pack.checksum);
      if (before) {
        summary.skipped.push({ file, reason: `merged before (${before.merged_at})` });
        continue;
      }
      summary.merged.push(...mergeReadPacks(db, [pack]));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      summary.refused.push({ file, message: err.message });
    }
  }
  return summary;
}
