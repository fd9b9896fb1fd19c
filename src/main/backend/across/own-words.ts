// Where each word of an article starts, so that the texts a person labelled are looked for only
// where their first word stands. A word here is the editor's (shared/text.ts isWordAt): word
// characters, with an apostrophe, hyphen or dot inside counting when between two of them. A
// text found at a place is still checked in full there (the text itself, word-bounded): this
// only says where it may be.
const RUN = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:['’\-‐.][\p{L}\p{N}\p{M}\p{Pc}]+)*/gu;
const FIRST_RUN = /^[\p{L}\p{N}\p{M}\p{Pc}]+(?:['’\-‐.][\p{L}\p{N}\p{M}\p{Pc}]+)*/u;

export interface WordStarts {
  /** The places `needle` may occur at: where its first word starts (or its first character is). */
  of(needle: string): readonly number[];
}

export function wordStarts(text: string): WordStarts {
  const byWord = new Map<string, number[]>();
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const list = byWord.get(m[0]);
    if (list) list.push(m.index);
    else byWord.set(m[0], [m.index]);
  }
  const byChar = new Map<string, number[]>();
  return {
    of(needle) {
      const first = FIRST_RUN.exec(needle)?.[0];
      if (first !== undefined) return byWord.get(first) ?? [];
      // A text that starts with punctuation or a space: every place that character is.
      const c = needle.charAt(0);
      let list = byChar.get(c);
      if (!list) {
        list = [];
        for (let at = text.indexOf(c); at >= 0 && c !== ''; at = text.indexOf(c, at + 1)) list.push(at);
        byChar.set(c, list);
      }
      return list;
    },
  };
}
