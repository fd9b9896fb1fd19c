// A title, a list row, a span's text: stored text drawn with every invisible character shown
// as a marked box (lib/invisibles.ts). The characters themselves stay in the DOM, so the
// element's text is the stored text; each sits in its own inline block, where a bidi control
// reorders nothing outside it.
import type { DisplayPiece } from '../../lib/invisibles';
import { displayPieces } from '../../lib/invisibles';
import './shown-text.css';

/** One invisible character of `text`, boxed. */
function InvisibleMark({ piece, text }: { piece: Extract<DisplayPiece, { kind: 'invisible' }>; text: string }) {
  return (
    <span className="invisible-mark" data-mark={piece.short} title={piece.title}>
      {text.slice(piece.start, piece.end)}
    </span>
  );
}

export function ShownText({ text }: { text: string }) {
  const pieces = displayPieces(text);
  if (pieces.length === 1 && pieces[0]!.kind === 'text') return <>{text}</>;
  return (
    <>
      {pieces.map((p) =>
        p.kind === 'text' ? text.slice(p.start, p.end) : <InvisibleMark key={p.start} piece={p} text={text} />,
      )}
    </>
  );
}
