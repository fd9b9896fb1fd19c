// The places of an article where the texts a person labelled stand, found word by word: the
// article's words are read once in order, and at each word only the labelled texts that begin
// with it are looked up, at the ends of the next few words (as many as the longest of them
// has), so a densely labelled article costs its words times a few lookups, not its texts times
// its length. A word here is the editor's (shared/text.ts WORD_RUN, the words isWordAt reads):
// word characters, with an apostrophe, hyphen or dot inside counting when between two of them.
// A text found is still checked for its word edges there.
import { ENDS_ON_WORD, WORD_RUN } from '../../../shared/text';
import { onWordEdges } from './occurrences-find';

const RUN = new RegExp(WORD_RUN, 'gu');
const FIRST_RUN = new RegExp(`^${WORD_RUN}`, 'u');

export interface LabelledText {
  labelId: number;
  text: string;
}

/** The labelled texts that begin with one word. */
interface Group {
  /** Texts ending on a word (most), by text: looked up at the ends of the next few words. */
  byText: Map<string, number[]>;
  /** How many words the longest of those has. */
  words: number;
  /** Texts ending in punctuation or a space, by length then text (few). */
  byLength: Map<number, Map<string, number[]>>;
}

function push(map: Map<string, number[]>, key: string, labelId: number): void {
  const labels = map.get(key);
  if (labels) labels.push(labelId);
  else map.set(key, [labelId]);
}

function group(groups: Map<string, Group>, key: string, t: LabelledText): void {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { byText: new Map(), words: 0, byLength: new Map() }));
  const words = t.text.match(RUN)?.length ?? 0;
  if (words > 0 && ENDS_ON_WORD.test(t.text)) {
    push(g.byText, t.text, t.labelId);
    g.words = Math.max(g.words, words);
  } else {
    let byText = g.byLength.get(t.text.length);
    if (!byText) g.byLength.set(t.text.length, (byText = new Map<string, number[]>()));
    push(byText, t.text, t.labelId);
  }
}

/**
 * Every word-bounded place of `text` where one of `texts` stands, with its label, in reading
 * order (start, then end, then label): `found(start, end, labelId)` for each.
 */
export function labelledPlaces(
  text: string,
  texts: Iterable<LabelledText>,
  found: (start: number, end: number, labelId: number) => void,
): void {
  const byWord = new Map<string, Group>();
  // Texts that start with punctuation or a space: by their first character (few).
  const byChar = new Map<string, Group>();
  for (const t of texts) {
    const first = FIRST_RUN.exec(t.text)?.[0];
    if (first !== undefined) group(byWord, first, t);
    else if (t.text.length) group(byChar, t.text.charAt(0), t);
  }
  const starts: number[] = [];
  const ends: number[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const here: [number, number, number][] = [];
  const offer = (start: number, end: number, labels: number[] | undefined) => {
    if (!labels || !onWordEdges(text, start, end)) return;
    for (const labelId of labels) here.push([start, end, labelId]);
  };
  /** The group's texts at `start`; `run` is the index of the word starting there, or -1. */
  const at = (start: number, g: Group, run: number) => {
    if (run >= 0) {
      for (let k = 0; k < g.words && run + k < ends.length; k++) {
        offer(start, ends[run + k]!, g.byText.get(text.slice(start, ends[run + k])));
      }
    }
    for (const [length, byText] of g.byLength)
      offer(start, start + length, byText.get(text.slice(start, start + length)));
  };
  const emit = () => {
    here.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [s, e, l] of here) found(s, e, l);
    here.length = 0;
  };
  if (byChar.size === 0) {
    for (let r = 0; r < starts.length; r++) {
      const g = byWord.get(text.slice(starts[r], ends[r]));
      if (!g) continue;
      at(starts[r]!, g, r);
      emit();
    }
    return;
  }
  // Some texts start with punctuation: every character may begin one, so walk them all.
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    while (r < starts.length && starts[r]! < i) r++;
    if (r < starts.length && starts[r] === i) {
      const g = byWord.get(text.slice(i, ends[r]));
      if (g) at(i, g, r);
    }
    const g = byChar.get(text.charAt(i));
    if (g) at(i, g, -1);
    if (here.length) emit();
  }
}
