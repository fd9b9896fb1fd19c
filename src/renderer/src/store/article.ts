// The open article and this annotator's spans on it: loading, reloading after an import, and
// the error shown when it cannot be read.
import type { Article, ArticleRead, Span } from '../../../shared/model';
import { unpackSpans } from '../../../shared/packed-spans';
import { call } from '../api';
import { ArticleTexts } from '../lib/articleTexts';
import { markStart } from '../lib/perf';
import { sortSpans } from '../lib/spanOrder';
import { writesSettled } from './save';
import type { Slice } from './types';

export interface ArticleSlice {
  article: Article | null;
  spans: Span[];
  articleError: string | null;
  /** Bumped by every local edit, so that a reload that raced one can tell and read again. */
  editCount: number;
  resetEditor(): void;
  openArticle(id: number): Promise<void>;
  /** Re-reads the open article and its spans (after an import), keeping the selection. */
  reloadArticle(): Promise<void>;
  /** Re-reads the open article's spans from the project file (after a failed write). */
  resyncSpans(): Promise<void>;
}

const texts = new ArticleTexts();

/** The article and its spans, the text sent only when this window does not hold it. */
async function read(id: number): Promise<{ article: Article; packed: ArticleRead['spans'] }> {
  const textHash = texts.hashOf(id);
  let answer = await call('readArticle', { id, textHash });
  // Forgotten while the answer was on its way (another project opened): ask for the text.
  if (answer.text === null && texts.hashOf(id) !== textHash) answer = await call('readArticle', { id });
  return { article: texts.article(answer), packed: answer.spans };
}

export const createArticleSlice: Slice<ArticleSlice> = (set, get) => ({
  article: null,
  spans: [],
  articleError: null,
  editCount: 0,
  resetEditor: () => {
    texts.clear();
    set({ article: null, spans: [], selection: null, selectedSpanId: null, articleError: null });
  },
  openArticle: async (id) => {
    markStart('open');
    // Moving on to another article: an offer made for the last one fades.
    get().dismissOccurrenceOffer();
    // Read what is stored only after this window's own writes have landed.
    await writesSettled();
    try {
      const { article, packed } = await read(id);
      // 'render': from the data in hand to the painted article (the transport aside).
      markStart('render');
      const spans = unpackSpans(packed);
      get().forgetClicks();
      set({
        article,
        spans: sortSpans(spans),
        selection: { anchor: 0, focus: 0 },
        selectedSpanId: null,
        articleError: null,
      });
    } catch (err) {
      set({ articleError: err instanceof Error ? err.message : String(err) });
    }
  },
  reloadArticle: async () => {
    const current = get().article;
    if (!current) return;
    const seen = get().editCount;
    await writesSettled();
    const { article, packed } = await read(current.id);
    const spans = unpackSpans(packed);
    if (get().article?.id !== current.id) return;
    // An edit made while this read was under way is not in it: read again.
    if (get().editCount !== seen) return get().reloadArticle();
    const selectedSpanId = spans.some((s) => s.id === get().selectedSpanId) ? get().selectedSpanId : null;
    set({ article, spans: sortSpans(spans), selectedSpanId });
  },
  resyncSpans: async () => {
    // The project file is the truth (unless another project has been opened meanwhile: boot()
    // then reloads everything).
    const article = get().article;
    if (!article) return;
    try {
      const spans = unpackSpans(await call('readSpans', { articleId: article.id }));
      if (get().article?.id === article.id) set({ spans: sortSpans(spans) });
    } catch {
      // The status bar already shows the failed write.
    }
  },
});

export const selectArticle = (s: ArticleSlice) => s.article;
export const selectSpans = (s: ArticleSlice) => s.spans;
