// The labeling guidelines at hand, rendered as plain text blocks (never HTML): headings,
// bullets and paragraphs from the project's markdown.
import { useMemo } from 'react';
import { useStore } from '../../store';
import './panel.css';

interface Block {
  kind: 'h1' | 'h2' | 'li' | 'p';
  text: string;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) out.push({ kind: 'h2', text: line.slice(3) });
    else if (line.startsWith('# ')) out.push({ kind: 'h1', text: line.slice(2) });
    else if (/^[-*] /.test(line)) out.push({ kind: 'li', text: line.slice(2) });
    else if (out.at(-1)?.kind === 'p') out.at(-1)!.text += ` ${line}`;
    else out.push({ kind: 'p', text: line });
  }
  return out;
}

export function Guidelines() {
  const markdown = useStore((s) => s.guidelines);
  const list = useMemo(() => blocks(markdown), [markdown]);
  return (
    <section className="panel-section guidelines" aria-label="Guidelines">
      <details open>
        <summary>
          <h2>Guidelines</h2>
        </summary>
        {list.length === 0 ? <p className="hint">This project has no guidelines.</p> : null}
        {list.map((b, i) =>
          b.kind === 'h1' ? null : b.kind === 'h2' ? (
            <h3 key={i}>{b.text}</h3>
          ) : b.kind === 'li' ? (
            <p key={i} className="bullet">
              {b.text.replace(/`/g, '')}
            </p>
          ) : (
            <p key={i}>{b.text.replace(/`/g, '')}</p>
          ),
        )}
      </details>
    </section>
  );
}
