// Opening an assignment pack: the annotator's project gets the pack's articles, labels (with
// the reviewer's colours and hotkeys) and guidelines, and the pack's person becomes the
// project's annotator, so that their work packs carry the uid the reviewer expects.
import { labelHotkeyProblem } from '../../../shared/keymap';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenPackSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import { ensureAnnotatorByUid, findAnnotatorByUid, isRemote, setCurrentAnnotator, setLocal } from '../annotators';
import { writeTransaction } from '../db/handles';
import { openDb, type Db } from '../db/open';
import { assertNotLocked } from '../lock';
import { createLabel, findLabelByName, updateLabel } from '../labels';
import { getSetting, setSetting } from '../settings';
import { readPack, type Pack } from './format';
import { safeFileName } from './assign';
import { placeArticles } from './project-data';

export type { OpenPackSummary } from '../../../shared/packs';

/** Free here, and not one of the editor's own keys (a pack from an older version may carry one). */
function hotkeyFree(db: Db, hotkey: string, exceptId: number | null): boolean {
  if (labelHotkeyProblem(hotkey)) return false;
  return !db.prepare('SELECT 1 FROM labels WHERE hotkey = ? COLLATE NOCASE AND id IS NOT ?').get(hotkey, exceptId);
}

/**
 * A person whose work is merged into this project as a layer never becomes its annotator: that
 * would let the reviewer edit their layer here. Their pack opens in a project of their own.
 */
function refuseMergedPerson(db: Db, project: string, pack: Pack): void {
  const person = findAnnotatorByUid(db, pack.header.annotator.uid);
  if (!person || !isRemote(db, person.id)) return;
  const name = person.name;
  throw new AppError(
    'CONFLICT',
    `${path.basename(project)}: ${name}'s work is merged here as a layer; open the pack in a project of ${name}'s own ` +
      `(e.g. spanwise open-pack ${safeFileName(name)}.spanwise ${path.basename(pack.file)})`,
  );
}

/** Applies an assignment pack (already read) to the open project `project`, in one transaction. */
export function applyAssignment(db: Db, project: string, pack: Pack): OpenPackSummary {
  if (pack.header.kind !== 'assignment') {
    throw new AppError('BAD_INPUT', `${pack.file}: is a work pack (merge it), not an assignment pack`);
  }
  refuseMergedPerson(db, project, pack);
  return writeTransaction(db, (w) => {
    const summary: OpenPackSummary = {
      annotator: pack.header.annotator,
      articlesAdded: 0,
      articlesExisting: 0,
      labelsCreated: [],
      labelsUpdated: [],
      guidelinesUpdated: false,
    };
    // Keys move between labels (the reviewer swapped 1 and 2): free the keys of the labels the
    // pack sets first, so that the pack's keys can land whatever the order.
    const before = new Map(pack.labels.map((l) => [l.name, findLabelByName(w, l.name)]));
    for (const l of pack.labels) {
      const existing = before.get(l.name);
      if (existing && existing.hotkey !== l.hotkey) {
        w.prepare('UPDATE labels SET hotkey = NULL WHERE id = ?').run(existing.id);
      }
    }
    for (const l of pack.labels) {
      const existing = before.get(l.name);
      if (!existing) {
        createLabel(w, {
          name: l.name,
          color: l.color,
          hotkey: l.hotkey && hotkeyFree(w, l.hotkey, null) ? l.hotkey : undefined,
          description: l.description,
        });
        summary.labelsCreated.push(l.name);
        continue;
      }
      // The reviewer's look and keys, where the key is not taken by another label here.
      const hotkey =
        l.hotkey === null || hotkeyFree(w, l.hotkey, existing.id)
          ? l.hotkey
          : existing.hotkey && hotkeyFree(w, existing.hotkey, existing.id)
            ? existing.hotkey
            : null;
      updateLabel(w, { id: existing.id, color: l.color, hotkey, description: l.description });
      if (existing.color !== l.color || existing.hotkey !== hotkey || existing.description !== l.description) {
        summary.labelsUpdated.push(existing.name);
      }
    }
    if (pack.guidelines !== null && getSetting(w, 'guidelines') !== pack.guidelines) {
      setSetting(w, 'guidelines', pack.guidelines);
      summary.guidelinesUpdated = true;
    }
    const articles = placeArticles(w, pack);
    summary.articlesAdded = articles.added;
    summary.articlesExisting = articles.existing;
    const { annotator } = ensureAnnotatorByUid(w, pack.header.annotator.uid, pack.header.annotator.name, false);
    setLocal(w, annotator.id);
    setCurrentAnnotator(w, annotator.id);
    return summary;
  });
}

/**
 * Opens (creating it when missing) the project `projectFile` and applies the assignment pack
 * `packFile`. The pack is read and checked first, so a bad pack creates no file; a new file
 * gets only the pack's labels, guidelines and articles.
 */
export function openAssignmentPack(projectFile: string, packFile: string): OpenPackSummary & { created: boolean } {
  const pack = readPack(packFile, 'assignment');
  assertNotLocked(projectFile, 'opening a pack into it');
  const { db, created } = openDb(projectFile);
  try {
    return { ...applyAssignment(db, projectFile, pack), created };
  } catch (err) {
    if (created) {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${projectFile}${suffix}`, { force: true });
    }
    throw err;
  } finally {
    if (db.open) db.close();
  }
}

export function formatOpenPackSummary(s: OpenPackSummary & { created: boolean }, project: string): string {
  return [
    `${s.created ? 'Created' : 'Updated'} ${path.basename(project)} for ${s.annotator.name} (${s.annotator.uid}):`,
    `  articles: ${s.articlesAdded} added, ${s.articlesExisting} already there`,
    `  labels created: ${s.labelsCreated.length ? s.labelsCreated.join(', ') : 'none'}; updated: ${
      s.labelsUpdated.length ? s.labelsUpdated.join(', ') : 'none'
    }`,
    `  guidelines: ${s.guidelinesUpdated ? 'updated' : 'unchanged'}`,
  ].join('\n');
}
