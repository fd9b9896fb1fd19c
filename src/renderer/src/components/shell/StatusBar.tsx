// Project, annotator, article position and the save state: "saved" after every edit; a
// failed write is loud.
import { shortcutText } from '../../../../shared/keymap';
import type { ErrorCode } from '../../../../shared/result';
import { useStore } from '../../store';
import { selectReviewMode } from '../../store/review';
import { selectKeyMode, selectSelectedSpan } from '../../store/selection';
import { describeSuggestion, selectFocusedSuggestion } from '../../store/suggestions';
import './status-bar.css';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

/** What to do about a failed write, by the backend's error code. */
const SAVE_HINTS: Partial<Record<ErrorCode | 'UNREACHABLE', string>> = {
  BUSY: 'Another program (an import, the command line) is writing to the project file. Edit again when it has finished.',
  CONFLICT:
    'Another project was opened: the change was meant for the previous one. The window now shows the new project.',
  NOT_FOUND:
    'What you edited is no longer in the project file (changed elsewhere). The article shows what the file holds.',
  READ_ONLY:
    'The project file is read-only (its permissions): nothing can be saved to it. Make it writable and open it again.',
  DISK_FULL: 'The disk is full: free some space, then edit again. Nothing of the failed edit was kept.',
  DAMAGED: 'The project file is damaged: restore a backup (File → Restore backup…, Ctrl+Shift+B).',
  UNREACHABLE: 'The app could not reach its backend. Save state is unknown: reopen the project to see what was stored.',
};

/** What the selection keys act on: the text, a span selected on purpose, or a focused suggestion. */
function KeyMode() {
  const mode = useStore(selectKeyMode);
  const suggestion = useStore(selectFocusedSuggestion);
  const span = useStore(selectSelectedSpan);
  const text = useStore((s) => s.article?.text ?? '');
  const label = useStore((s) => (span ? s.labels.find((l) => l.id === span.labelId)?.name : undefined));
  const quoted = span ? clip(text.slice(span.start, span.end)) : '';
  let words = 'Selecting text';
  if (span && mode === 'span') words = `Span selected: ${label ?? '?'} '${quoted}' — Shift+arrows resize`;
  else if (span) words = `Selecting text — Enter selects ${label ?? '?'} '${quoted}' to resize it`;
  else if (suggestion) words = `Suggestion: ${describeSuggestion(suggestion)} — Enter accepts, Delete dismisses`;
  return (
    <span className="sb-item sb-keymode" data-testid="key-mode" data-mode={suggestion && !span ? 'suggestion' : mode}>
      {words}
    </span>
  );
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 32 ? `${flat.slice(0, 31)}…` : flat;
}

export function StatusBar() {
  const session = useStore((s) => s.session);
  const article = useStore((s) => s.article);
  const total = useStore((s) => s.progress?.total ?? 0);
  const save = useStore((s) => s.saveState);
  const clearSaveError = useStore((s) => s.clearSaveError);
  const notice = useStore((s) => s.notice);
  const snap = useStore((s) => s.snap);
  const reviewing = useStore(selectReviewMode);
  const setReviewMode = useStore((s) => s.setReviewMode);
  const reviewError = useStore((s) => s.reviewError);
  const dismissReviewError = useStore((s) => s.dismissReviewError);
  const queuePosition = useStore((s) => {
    const items = s.queue?.items ?? [];
    const i = items.findIndex((item) => item.articleId === s.review?.id);
    return `${i === -1 ? '–' : i + 1} / ${items.length} in the queue`;
  });
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className="sb-item" title={session ? visiblePlain(session.projectPath) : undefined}>
        {session ? <ShownText text={session.projectName} /> : '—'}
      </span>
      <span className="sb-item">
        {session?.annotator ? (
          <>
            Annotator: <ShownText text={session.annotator.name} />
          </>
        ) : (
          'No annotator'
        )}
      </span>
      {session?.readonly ? (
        <span
          className="sb-item"
          data-testid="read-only"
          title="The project file cannot be written: it is open for reading"
        >
          Read-only
        </span>
      ) : null}
      <button
        type="button"
        className={`sb-mode ${reviewing ? 'on' : ''}`}
        aria-pressed={reviewing}
        onClick={(e) => {
          e.currentTarget.blur();
          void setReviewMode(!reviewing);
        }}
        title={`View → Review mode (${shortcutText('toggleReviewMode')})`}
        data-testid="review-toggle"
      >
        {reviewing ? 'Review mode' : 'Annotation mode'}
      </button>
      <span className="sb-item" data-testid="article-position">
        {reviewing ? queuePosition : article ? `${article.position + 1} / ${total}` : `– / ${total}`}
      </span>
      {reviewing ? null : <span className="sb-item">{snap ? 'Word snapping' : 'Character precision'}</span>}
      {reviewing ? null : <KeyMode />}
      <span className="sb-notice" role="status" aria-live="polite" data-testid="status-notice">
        {notice}
      </span>
      {reviewing && reviewError ? (
        <button
          type="button"
          className="sb-save error"
          role="alert"
          onClick={dismissReviewError}
          data-testid="review-error"
        >
          Not recorded: {reviewError} (dismiss)
        </button>
      ) : null}
      {save.kind === 'error' ? (
        <button
          type="button"
          className="sb-save error"
          role="alert"
          onClick={clearSaveError}
          data-testid="save-state"
          data-code={save.code}
          title={SAVE_HINTS[save.code] ?? 'The article shows what the project file holds.'}
        >
          Not saved: {save.message} (dismiss)
        </button>
      ) : (
        <span className={`sb-save ${save.kind}`} data-testid="save-state">
          {save.kind === 'saving' ? 'saving…' : 'saved'}
        </span>
      )}
    </footer>
  );
}
