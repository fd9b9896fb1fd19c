// The work-pack sheets (panel, assign, inbox), whichever is open, and an error of a pack action
// started outside them (a drop, a menu). Mount once, next to JobsLayer.
import { Suspense } from 'react';
import { useStore } from '../../store';
import { AssignSheet, InboxSheet, WorkPacksSheet } from '../shell/lazyPanels';
import './packs.css';

export function PacksLayer() {
  const sheet = useStore((s) => s.packsSheet);
  const error = useStore((s) => s.packsError);
  const dismiss = useStore((s) => s.dismissPacksError);
  if (sheet !== 'none') {
    return (
      <Suspense fallback={null}>
        {sheet === 'panel' ? <WorkPacksSheet /> : sheet === 'assign' ? <AssignSheet /> : <InboxSheet />}
      </Suspense>
    );
  }
  return error ? (
    <section className="job-card failed packs-error" role="alert" data-testid="packs-error">
      <header>
        <strong>Work packs</strong>
        <button type="button" onClick={dismiss} aria-label="Dismiss">
          ×
        </button>
      </header>
      <pre className="job-report error">{error}</pre>
    </section>
  ) : null;
}
