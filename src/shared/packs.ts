// Work-pack vocabulary shared by the backend, the CLI, the job runner and the renderer: what a
// merge, an assignment, a work pack and an opened assignment pack report.

/** One work pack merged into a project. */
export interface MergeSummary {
  file: string;
  checksum: string;
  annotator: { uid: string; name: string; created: boolean };
  spans: { added: number; updated: number; deleted: number; unchanged: number };
  statusesChanged: number;
  articlesAdded: number;
  labelsCreated: string[];
  /** The pack was made against other guidelines than the project's. */
  guidelinesDiffer: boolean;
  /** Decided clusters whose versions this pack changed: open for review again. */
  reopened: { articleId: number; title: string; clusterId: string }[];
  /** Adjudicated articles with a reopened cluster: open for review again (and out of the gold export). */
  unadjudicated?: number[];
}

/** The assignment packs written for a team. */
export interface AssignmentSummary {
  articles: number;
  packs: { annotator: { uid: string; name: string; created: boolean }; file: string; articles: number }[];
}

/** One annotator's layer written as a work pack. */
export interface WorkPackSummary {
  file: string;
  annotator: { uid: string; name: string };
  spans: number;
  tombstones: number;
  articles: number;
  statuses: number;
  checksum: string;
}

/** An assignment pack applied to an annotator's project. */
export interface OpenPackSummary {
  annotator: { uid: string; name: string };
  articlesAdded: number;
  articlesExisting: number;
  labelsCreated: string[];
  labelsUpdated: string[];
  guidelinesUpdated: boolean;
}

/** A folder of packs merged, each pack once. */
export interface InboxSummary {
  merged: MergeSummary[];
  /** Packs merged before, and assignment packs (they are opened by annotators, not merged). */
  skipped: { file: string; reason: string }[];
  refused: { file: string; message: string }[];
}

/** What a merge job did: the packs it was given, or the new packs of the inbox folder. */
export interface MergeJobSummary extends InboxSummary {
  /** The inbox folder the packs came from; null for packs the user chose. */
  inbox: string | null;
}

/** What opening an assignment pack did, and the project it made or updated. */
export interface OpenWorkPackSummary extends OpenPackSummary {
  project: string;
  created: boolean;
}

/** A pack's kind and person, read from its header (what a drop decides by). */
export interface PackInfo {
  path: string;
  kind: 'work' | 'assignment';
  annotator: { uid: string; name: string };
}
