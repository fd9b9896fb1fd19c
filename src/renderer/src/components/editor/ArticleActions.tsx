// The open article's status and what closes it for now: Done, Skip, Flag (with a note), and
// Reopen once it is closed. The same actions as their keys (the keymap names them).
import { useState, type FormEvent } from 'react';
import { shortcutText } from '../../../../shared/keymap';
import { STATUS_TEXT } from '../../lib/statusText';
import { useStore } from '../../store';

function FlagForm() {
  const flag = useStore((s) => s.flagAndNext);
  const close = useStore((s) => s.setOverlay);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) void flag(note.trim());
  };
  return (
    <form className="flag-form" onSubmit={submit} data-testid="flag-form">
      <input
        autoFocus
        aria-label="Why flag this article?"
        placeholder="Why does it need someone else’s eyes?"
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
        data-testid="flag-note"
      />
      <button type="submit" className="primary" disabled={!note.trim()}>
        Flag
      </button>
      <button type="button" onClick={() => close('none')}>
        Cancel
      </button>
    </form>
  );
}

export function ArticleActions() {
  const status = useStore((s) => s.article?.status ?? 'todo');
  const note = useStore((s) => s.article?.statusNote ?? '');
  const flagging = useStore((s) => s.overlay === 'flag');
  const markDone = useStore((s) => s.markDoneAndNext);
  const skip = useStore((s) => s.skipAndNext);
  const reopen = useStore((s) => s.reopenArticle);
  const setOverlay = useStore((s) => s.setOverlay);
  const closed = status === 'done' || status === 'skipped' || status === 'flagged';
  // Buttons keep the text selection and the caret: a mouse-down would otherwise take the focus.
  const keep = (e: { preventDefault(): void }) => e.preventDefault();
  return (
    <div className="article-actions" data-testid="article-actions">
      <span className={`status-badge ${status}`} data-testid="article-status" title={note || undefined}>
        {STATUS_TEXT[status]}
        {status === 'flagged' && note ? `: ${note}` : ''}
      </span>
      <span className="article-actions-spacer" />
      {closed ? (
        <button
          type="button"
          onMouseDown={keep}
          onClick={() => void reopen()}
          title={shortcutText('reopenArticle')}
          data-testid="action-reopen"
        >
          Reopen
        </button>
      ) : null}
      <button
        type="button"
        onMouseDown={keep}
        onClick={() => void skip()}
        title={shortcutText('skipArticle')}
        data-testid="action-skip"
      >
        Skip
      </button>
      <button
        type="button"
        onMouseDown={keep}
        onClick={() => setOverlay('flag')}
        title={shortcutText('flagArticle')}
        data-testid="action-flag"
      >
        Flag…
      </button>
      <button
        type="button"
        className="primary"
        onMouseDown={keep}
        onClick={() => void markDone()}
        title={shortcutText('markDone')}
        data-testid="action-done"
      >
        Done
      </button>
      {flagging ? <FlagForm /> : null}
    </div>
  );
}
