// The browser benches' article text: deterministic, news-like, in ~600-character paragraphs.

const WORDS = (
  'the minister said on monday that talks between the two governments would resume in geneva ' +
  'after sanctions on exports were tightened by the council while rebels in the north denied ' +
  'any role in the attack reported by local officials and international observers'
).split(' ');

/** About `bytes` characters; the same seed gives the same text, so runs compare. */
export function syntheticText(bytes: number, seed: number): string {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const paras: string[] = [];
  let total = 0;
  while (total < bytes) {
    const words: string[] = [];
    let len = 0;
    while (len < 600) {
      const w = WORDS[Math.floor(rnd() * WORDS.length)]!;
      words.push(w);
      len += w.length + 1;
    }
    const p = words.join(' ') + '.';
    paras.push(p);
    total += p.length + 2;
  }
  return paras.join('\n\n');
}

/** `count` word-aligned spans; every fourth runs over the next one's word, so spans nest. */
export function syntheticSpans(text: string, count: number): Array<{ start: number; end: number; label: number }> {
  const words: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ start: m.index, end: m.index + m[0].length });
  const out: Array<{ start: number; end: number; label: number }> = [];
  const step = Math.max(1, Math.floor(words.length / count));
  const reach = Math.max(3, step);
  for (let i = 0; out.length < count && i < words.length - reach; i += step) {
    const w = words[i]!;
    if (out.length % 4 === 3) out.push({ start: w.start, end: words[i + reach]!.end, label: 2 });
    else out.push({ start: w.start, end: w.end, label: 1 + (out.length % 4 === 1 ? 2 : 0) });
  }
  return out;
}
