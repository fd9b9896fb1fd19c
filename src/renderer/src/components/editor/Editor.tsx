import { shortcutText } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { useSuggestionRefresh } from '../across/useSuggestionRefresh';
import { ArticleView } from './ArticleView';
import { FindBar } from './FindBar';
import { OccurrenceOffer } from '../across/OccurrenceOffer';
import { Palette } from './Palette';
import './editor.css';

/** The centre column: the palette above the article, or what to do when there is none. */
export function Editor() {
  const article = useStore((s) => s.article);
  const total = useStore((s) => s.progress?.total ?? null);
  const error = useStore((s) => s.articleError);
  const finding = useStore((s) => s.overlay === 'find');
  const chooseImport = useStore((s) => s.chooseImport);
  useSuggestionRefresh();
  return (
    <main className="editor">
      <Palette />
      {finding && article ? <FindBar /> : null}
      {error ? (
        <div className="empty-state error" role="alert">
          Could not open the article: {error}
        </div>
      ) : article ? (
        <ArticleView />
      ) : total === 0 ? (
        <div className="empty-state" data-testid="empty-project">
          <h2>No articles yet</h2>
          <p>
            <button
              type="button"
              className="primary"
              onClick={() => void chooseImport()}
              data-testid="empty-import"
              title={shortcutText('importFiles')}
            >
              Import articles…
            </button>
          </p>
          <p>
            Text files, folders, JSONL, doccano, Label Studio or Prodigy exports, or CoNLL. You can also drop them onto
            this window, or press <kbd>{shortcutText('importFiles')}</kbd>.
          </p>
        </div>
      ) : (
        <div className="empty-state">Loading…</div>
      )}
      {article ? (
        // The offer's line is kept whether or not an offer shows, so the article never moves under the
        // pointer when one appears after a label.
        <div className="occurrence-slot">
          <OccurrenceOffer />
        </div>
      ) : null}
    </main>
  );
}
