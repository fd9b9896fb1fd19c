// Jobs in the window: drop files anywhere to import them (packs are opened or merged), the
// import and export option sheets (also opened by File → Import…/Export…), and a card per job
// (import, export, agreement, work packs) with its progress bar, a Cancel button and, at the
// end, the summary (offset unit, loss report, merge per pack).
// Mount once, e.g. <JobsLayer currentAnnotator={name} onImported={reload} /> at the end of App.
import { useEffect, useRef } from 'react';
import { pathsOf } from '../../lib/chooseFiles';
import { useStore } from '../../store';
import { selectWritingJob, writingNoun } from '../../store/jobs';
import type { JobState } from '../../../../shared/jobs';
import { ExportSheet } from './ExportSheet';
import { ImportSheet } from './ImportSheet';
import { JobCard } from './JobCard';
import './jobs.css';

export interface JobsLayerProps {
  /** The signed-in annotator: the default layer for pre-annotations and for export. */
  currentAnnotator?: string | undefined;
  /** Called when an import has added articles or spans (reload lists, counts, the open article). */
  onImported?: ((job: JobState) => void) | undefined;
}

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** An inbox look that found nothing new: not worth a card. */
function quiet(job: JobState): boolean {
  const m = job.merge;
  return job.phase === 'done' && m !== undefined && m.inbox !== null && m.merged.length === 0 && m.refused.length === 0;
}

/** Did this finished job change what the open project shows? */
function changedProject(job: JobState): boolean {
  if (job.kind === 'import') {
    const s = job.importSummary;
    return s !== undefined && (s.articlesAdded > 0 || s.spansAdded > 0 || s.statusSet > 0);
  }
  if (job.kind === 'merge') {
    return (job.merge?.merged ?? []).some(
      (m) =>
        m.articlesAdded > 0 ||
        m.statusesChanged > 0 ||
        m.labelsCreated.length > 0 ||
        m.spans.added + m.spans.updated + m.spans.deleted > 0,
    );
  }
  return false;
}

function useDropToImport(): void {
  const depth = useRef(0);
  useEffect(() => {
    const { setDragging, receivePaths } = useStore.getState();
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      void pathsOf(Array.from(e.dataTransfer?.files ?? [])).then(receivePaths);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

export function JobsLayer({ currentAnnotator, onImported }: JobsLayerProps) {
  const jobs = useStore((s) => s.jobs);
  const importPaths = useStore((s) => s.importPaths);
  const exportOpen = useStore((s) => s.exportOpen);
  const dragging = useStore((s) => s.dragging);
  useDropToImport();

  // Tell the app once per import that changed something.
  const reported = useRef(new Set<string>());
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  }, [onImported]);
  useEffect(() => {
    for (const job of jobs) {
      if (job.phase !== 'done' || reported.current.has(job.id)) continue;
      reported.current.add(job.id);
      // Only an import or merge into the project on screen changes what is on screen.
      const here = job.projectFile === useStore.getState().session?.projectPath;
      if (here && changedProject(job)) onImportedRef.current?.(job);
      // Copies are suggested once the sentence index is built: the open article asks again.
      if (here && job.kind === 'sentence-index') void useStore.getState().loadSuggestions();
    }
  }, [jobs]);

  const writing = useStore(selectWritingJob);
  // The agreement panel shows its own job's progress and Cancel: its card would only cover it.
  const agreementJob = useStore((s) => (s.overlay === 'agreement' ? s.agreementJobId : null));
  const shown = jobs.filter((j) => !quiet(j) && j.id !== agreementJob);

  return (
    <>
      {dragging ? (
        <div className="jobs-drop" data-testid="jobs-drop-overlay" aria-live="polite">
          <div className="jobs-drop-card">
            <strong>Drop to import</strong>
            <span>Text files, folders, JSONL, doccano, Label Studio or Prodigy exports</span>
          </div>
        </div>
      ) : null}
      {importPaths ? <ImportSheet paths={importPaths} currentAnnotator={currentAnnotator} /> : null}
      {exportOpen ? <ExportSheet currentAnnotator={currentAnnotator} /> : null}
      {shown.length > 0 ? (
        <div className="jobs-stack" aria-label="Jobs" data-testid="jobs">
          {writing ? (
            <p className="jobs-note">
              {writingNoun(writing)} is writing to the project: editing resumes when it finishes.
            </p>
          ) : null}
          {shown.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </div>
      ) : null}
    </>
  );
}
