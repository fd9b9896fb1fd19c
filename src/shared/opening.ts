// A project written by an older Spanwise is brought to this version's schema when it opens;
// at scale that takes a while (the search index is built over every article), so the window
// shows how far it has come. What the backend tells, and the one wording of it.
export interface OpeningState {
  projectPath: string;
  projectName: string;
  /** The schema the file was at, and the one it is being brought to. */
  fromVersion: number;
  toVersion: number;
  /** What the migration running now does ("building the search index"); null until one starts. */
  step: string | null;
  /** The migration running now (1-based) of those the file needs. */
  index: number;
  count: number;
  /** The step's units done and in all (0 of 0 when the step cannot say). */
  done: number;
  total: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/** "Updating the project: building the search index, 12,000 of 100,000". */
export function openingText(state: Pick<OpeningState, 'step' | 'done' | 'total'>): string {
  if (!state.step) return 'Updating the project…';
  const amount = state.total > 0 ? `, ${count(state.done)} of ${count(state.total)}` : '';
  return `Updating the project: ${state.step}${amount}`;
}
