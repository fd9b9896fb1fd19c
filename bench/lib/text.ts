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
