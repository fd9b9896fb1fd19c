// Where suggestions get the sentence index from. The stored index is used when it is up to
// date; a few articles waiting (an import of a hundred, a merged pack) are indexed there and
// then, on the caller's connection; many (a project opened for the first time since it was
// made, a large import) are left to the background build, a job with progress, and until it is
// done the answer is that the index is building. A project opened read-only cannot keep the
// index: it gets one built in memory for the connection (index-cache.ts).
import type { IndexBuilding } from '../../../shared/across';
import type { ReadDb } from '../db/handles';
import { sentenceIndex } from './index-cache';
import { indexBehind, indexState, refreshIndex, StoredClusters } from './index-store';
import type { IndexSource } from './suggestions';

/**
 * Up to this many articles waiting are indexed on the spot: 100 copies of indexed articles cost
 * about 2 s of CPU at 100,000 articles (docs/performance.md), too long for the window to wait.
 */
export const INDEX_ON_THE_SPOT = 50;

export interface IndexHost {
  readonly: boolean;
  /**
   * Starts the background build unless it runs already; says whether it runs. Absent where no
   * jobs run (the CLI): the index is then brought up to date on the spot, whatever it takes.
   */
  background?: (() => boolean) | undefined;
  /** Whether the background build runs now, or another writer holds the project (an import). */
  building?: (() => boolean) | undefined;
}

export function indexSource(db: ReadDb, host: IndexHost): IndexSource {
  return () => {
    // One row read when the index is up to date; the tables are counted only when it is not.
    if (!indexBehind(db)) return new StoredClusters(db);
    if (host.readonly) return sentenceIndex(db);
    if (host.background && (host.building?.() || indexState(db).dirty > INDEX_ON_THE_SPOT) && host.background()) {
      return building(db);
    }
    refreshIndex(db);
    return new StoredClusters(db);
  };
}

/**
 * The index as a reader's connection sees it (the reader's worker, which never writes): the
 * stored index when it is up to date, else the news that it is being built. The window's
 * process brings it up to date, or starts its build, before such a call is sent
 * (`Project.beforeOffMain`), so "building" is only ever said while it is.
 */
export function storedIndexSource(db: ReadDb): IndexSource {
  return () => {
    return indexBehind(db) ? building(db) : new StoredClusters(db);
  };
}

function building(db: ReadDb): IndexBuilding {
  const state = indexState(db);
  return { state: 'building', done: state.indexed, total: state.indexed + state.dirty };
}

/**
 * What the window's process does before a reader lists suggestions: nothing when the index is
 * up to date (one row read); else what listing them there would have done to the index (a few
 * articles indexed on the spot, or the background build started).
 */
export function prepareIndex(db: ReadDb, source: IndexSource): void {
  if (indexBehind(db)) source();
}
