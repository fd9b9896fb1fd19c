// When the open article's suggestions are read: once it is painted (opening never waits for
// them), and again when the person pauses after editing, since their own labels make them.
import { useEffect, useRef } from 'react';
import { afterPaint, markStart } from '../../lib/perf';
import { useStore } from '../../store';

/** A pause in editing long enough that reading the list again does not chase every key. */
const EDIT_PAUSE_MS = 400;

export function useSuggestionRefresh(): void {
  const articleId = useStore((s) => s.article?.id ?? null);
  const annotatorId = useStore((s) => s.session?.annotator?.id ?? null);
  const spans = useStore((s) => s.spans);
  const load = useStore((s) => s.loadSuggestions);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (articleId === null) return;
    const key = `${annotatorId}:${articleId}`;
    const opened = shown.current !== key;
    shown.current = key;
    // 'suggestions': from the painted article to its suggestions painted (ArticleView ends it).
    if (opened)
      return afterPaint(() => {
        markStart('suggestions');
        void load();
      });
    const timer = setTimeout(() => void load(), EDIT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [articleId, annotatorId, spans, load]);
}
