import type { Input } from '../../../shared/contract';
import type { Label, Session } from '../../../shared/model';
import { call } from '../api';
import { chooseFiles, pathsOf } from '../lib/chooseFiles';
import { writesSettled } from './save';
import type { Slice } from './types';

export interface SessionSlice {
  session: Session | null;
  labels: Label[];
  guidelines: string;
  bootError: string | null;
  /** Loads session, labels and guidelines; then the list and the first article. */
  boot(): Promise<void>;
  setAnnotator(name: string): Promise<void>;
  /** After an import: labels, list, progress and the open article's spans, keeping undo history. */
  refreshProject(): Promise<void>;
  /** Ctrl+O: another project file, chosen in the window; the host switches and the window reloads. */
  chooseProject(): Promise<void>;
  createLabel(input: Input<'createLabel'>): Promise<void>;
  updateLabel(input: Input<'updateLabel'>): Promise<void>;
}

export const createSessionSlice: Slice<SessionSlice> = (set, get) => ({
  session: null,
  labels: [],
  guidelines: '',
  bootError: null,
  boot: async () => {
    // Writes queued for the previous project settle first (main refuses them once it has
    // switched: they are reported, never written into the new project).
    await writesSettled();
    // A project being updated answers this at once (the calls below wait for its open); an
    // 'opening' event sent before the window listened is then not missed.
    void call('getOpening').then(
      (opening) => get().receiveOpening(opening),
      () => undefined,
    );
    // The first undone article is asked for beside the session, whose answer it does not need:
    // one round trip less before the first article is painted. (A reviewer, or nobody named
    // yet, leaves it unused; a failure leaves startAnnotating to ask again.)
    const firstUndone = call('nextArticle', { afterId: null, undoneOnly: true }).catch(() => undefined);
    try {
      const [session, labels, guidelines] = await Promise.all([
        call('loadProject'),
        call('listLabels'),
        call('getGuidelines'),
      ]);
      set({ session, labels, guidelines, bootError: null, opening: null });
      get().resetEditor();
      get().clearHistory();
      get().closeOccurrences();
      if (session.annotator?.role === 'reviewer') await get().startReviewing();
      else if (session.annotator) await get().startAnnotating(firstUndone);
    } catch (err) {
      set({ bootError: err instanceof Error ? err.message : String(err), opening: null });
    }
  },
  setAnnotator: async (name) => {
    // The previous annotator's edits land in their own layer before the switch.
    await writesSettled();
    const session = await call('setAnnotator', { name });
    set({ session });
    get().resetEditor();
    get().clearHistory();
    get().closeOccurrences();
    if (session.annotator?.role === 'reviewer') await get().startReviewing();
    else await get().startAnnotating();
  },
  refreshProject: async () => {
    const [labels, session] = await Promise.all([call('listLabels'), call('getSession')]);
    set({ labels, session });
    if (!session.annotator) return;
    if (session.annotator.role === 'reviewer') return get().refreshReview();
    await Promise.all([get().reloadList(), get().refreshProgress()]);
    if (get().article) await get().reloadArticle();
    else await get().startAnnotating();
  },
  chooseProject: async () => {
    const [path] = await pathsOf(await chooseFiles({ accept: '.spanwise,.sqlite,.db', testId: 'project-file' }));
    if (!path) return;
    try {
      await call('openProject', { path });
    } catch (err) {
      get().notify(`Could not open the project: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
  createLabel: async (input) => {
    await call('createLabel', input);
    set({ labels: await call('listLabels') });
  },
  updateLabel: async (input) => {
    await call('updateLabel', input);
    set({ labels: await call('listLabels') });
  },
});

export const selectLabelsById = (labels: Label[]): Map<number, Label> => new Map(labels.map((l) => [l.id, l]));
