import { Suspense, useEffect } from 'react';
import { useKeyboard, runCommand } from './components/editor/useKeyboard';
import { Editor } from './components/editor/Editor';
import { JobsLayer } from './components/jobs/JobsLayer';
import { PacksLayer } from './components/packs/PacksLayer';
import { Guidelines } from './components/panel/Guidelines';
import { SpansPanel } from './components/panel/SpansPanel';
import { CopiesPanel } from './components/across/CopiesPanel';
import { OccurrencePreview } from './components/across/OccurrencePreview';
import { SearchPanel } from './components/across/SearchPanel';
import { AnnotatorPrompt } from './components/shell/AnnotatorPrompt';
import { OpeningProgress } from './components/shell/OpeningProgress';
import { StatusBar } from './components/shell/StatusBar';
import {
  AgreementSheet,
  BackupsDialog,
  ClusterPanel,
  ReviewQueuePane,
  ReviewView,
  SettingsPanel,
  ShortcutsSheet,
} from './components/shell/lazyPanels';
import { Sidebar } from './components/sidebar/Sidebar';
import { useStore } from './store';
import { selectReviewMode } from './store/review';
import './components/shell/welcome.css';
import { visiblePlain } from './lib/invisibles';

function useWindowTitle(): void {
  const session = useStore((s) => s.session);
  useEffect(() => {
    // Where Electron cannot be had the same app runs in a Chromium window: the title says so.
    const app = window.api.host === 'chromium' ? 'Spanwise (Chromium window)' : 'Spanwise';
    document.title = session
      ? `${visiblePlain(session.projectName)}${session.annotator ? ` — ${visiblePlain(session.annotator.name)}` : ''} — ${app}`
      : app;
  }, [session]);
}

function useAppEvents(): void {
  useEffect(() => {
    void useStore.getState().boot();
    return window.api.onEvent((event) => {
      if (event.type === 'projectChanged') void useStore.getState().boot();
      else if (event.type === 'menu') runCommand(event.command);
      else if (event.type === 'opening') useStore.getState().receiveOpening(event.opening);
      else useStore.getState().handleJobEvent(event);
    });
  }, []);
}

export function App() {
  useAppEvents();
  useKeyboard();
  useWindowTitle();
  const session = useStore((s) => s.session);
  const bootError = useStore((s) => s.bootError);
  const opening = useStore((s) => s.opening !== null);
  const sidePanelOpen = useStore((s) => s.sidePanelOpen);
  const overlay = useStore((s) => s.overlay);
  const refreshProject = useStore((s) => s.refreshProject);
  const afterMerge = useStore((s) => s.afterMerge);
  const reviewing = useStore(selectReviewMode);

  if (bootError) {
    return (
      <div className="welcome">
        <div className="welcome-card error" role="alert">
          <h1>Spanwise could not open the project</h1>
          <p>{bootError}</p>
          <p>Use File → Open Project… to choose another project file.</p>
        </div>
      </div>
    );
  }
  if (opening) return <OpeningProgress />;
  if (!session) return <div className="welcome">Opening project…</div>;
  if (!session.annotator) return <AnnotatorPrompt />;
  return (
    <div className={`app ${sidePanelOpen ? '' : 'panel-closed'}`}>
      {/* Review mode's panes load when first shown (lazyPanels.ts). */}
      <Suspense fallback={null}>{reviewing ? <ReviewQueuePane /> : <Sidebar />}</Suspense>
      <Suspense fallback={null}>{reviewing ? <ReviewView /> : <Editor />}</Suspense>
      {sidePanelOpen ? (
        <aside className="side-panel" aria-label={reviewing ? 'Conflict and guidelines' : 'Spans and guidelines'}>
          <Suspense fallback={null}>{reviewing ? <ClusterPanel /> : <SpansPanel />}</Suspense>
          {reviewing ? null : <CopiesPanel />}
          <Guidelines />
        </aside>
      ) : null}
      <StatusBar />
      <Suspense fallback={null}>
        {overlay === 'settings' ? <SettingsPanel /> : null}
        {overlay === 'shortcuts' ? <ShortcutsSheet /> : null}
        {overlay === 'agreement' ? <AgreementSheet /> : null}
        {overlay === 'backups' ? <BackupsDialog /> : null}
        {overlay === 'occurrences' ? <OccurrencePreview /> : null}
        {overlay === 'search' ? <SearchPanel /> : null}
      </Suspense>
      <JobsLayer
        currentAnnotator={session.annotator.name}
        onImported={(job) => void (job.kind === 'merge' ? afterMerge() : refreshProject())}
      />
      <PacksLayer />
    </div>
  );
}
