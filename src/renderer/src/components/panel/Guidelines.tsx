// The labeling guidelines at hand, rendered as plain text blocks (never HTML): headings,
// bullets and paragraphs from the project's markdown. A heading that names a label shows the
// label's key as it is now (a key written in the heading, "ACTOR (1)", is replaced by it).
import { useMemo } from 'react';
import type { Label } from '../../../../shared/model';
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

/** A heading's label (by name, ignoring a key written after it in brackets) and the heading's text. */
function labelHeading(text: string, labels: readonly Label[]): { name: string; label: Label | null } {
  const name = text.replace(/\s*\(\s*[0-9a-z]\s*\)\s*$/i, '');
  const label = labels.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? null;
  return label ? { name, label } : { name: text, label: null };
}

function Heading({ text }: { text: string }) {
  const labels = useStore((s) => s.labels);
  const { name, label } = labelHeading(text, labels);
  return (
    <h3 data-testid={label ? `guideline-${label.name}` : undefined}>
      {name}
      {label?.hotkey ? <kbd className="guideline-key">{label.hotkey.toUpperCase()}</kbd> : null}
    </h3>
  );
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
            <Heading key={i} text={b.text} />
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
