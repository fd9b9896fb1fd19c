// One paragraph of the article: text cut into segments at span, selection and caret
// boundaries; underlines in lanes below the text, a light tint of the innermost label.
// Memoised: an edit re-renders only the paragraphs whose props changed.
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Label, Span } from '../../../../shared/model';
import type { Range } from '../../../../shared/text';
import { displayPieces } from '../../lib/invisibles';
import { assignLanes, lanePitch, segmentParagraph } from '../../lib/marks';
import '../text/shown-text.css';

const LINE_PX = 2.5;
const SELECTED_LINE_PX = 4;

export interface ParagraphProps {
  index: number;
  para: Range;
  text: string;
  spans: Span[];
  labels: Map<number, Label>;
  /** The text selection clipped to this paragraph, or null. */
  selStart: number | null;
  selEnd: number | null;
  /** Caret offset when inside this paragraph, else null. */
  caret: number | null;
  /** The selected span when it touches this paragraph, else null. */
  selectedSpanId: string | null;
  /** What an undo or redo just changed, when it touches this paragraph: flashed once. */
  flash: { start: number; end: number; seq: number } | null;
}

function alpha(hex: string, a: string): string {
  return `${hex}${a}`;
}

export const Paragraph = memo(function Paragraph(props: ParagraphProps) {
  const { para, text, spans, labels, selStart, selEnd, caret, selectedSpanId, flash } = props;
  const lanes = assignLanes(spans, para);
  const laneCount = spans.length ? Math.max(...lanes.values()) + 1 : 0;
  const pitch = lanePitch(laneCount);
  const cuts: number[] = [];
  if (selStart !== null && selEnd !== null) cuts.push(selStart, selEnd);
  if (caret !== null) cuts.push(caret);
  if (flash) cuts.push(Math.max(flash.start, para.start), Math.min(flash.end, para.end));
  const segments = segmentParagraph(para, spans, cuts);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const selected = selectedSpanId ? byId.get(selectedSpanId) : undefined;

  const out: ReactNode[] = [];
  for (const seg of segments) {
    if (caret === seg.start) out.push(<span key="caret" className="caret" aria-hidden="true" />);
    if (selected && seg.start === Math.max(selected.start, para.start)) {
      const label = labels.get(selected.labelId);
      out.push(
        <span
          key="chip"
          className="chip-anchor"
          data-s={seg.start}
          data-chip=""
          contentEditable={false}
          aria-hidden="true"
        >
          <span className="chip" style={{ background: label?.color ?? '#888' }}>
            {label?.name ?? '?'}
          </span>
        </span>,
      );
    }
    const classes = ['seg'];
    const style: CSSProperties = {};
    let title: string | undefined;
    if (seg.covering.length) {
      const covering = seg.covering.map((id) => byId.get(id)!).sort((a, b) => a.end - a.start - (b.end - b.start));
      const layers: string[] = [];
      const positions: string[] = [];
      const sizes: string[] = [];
      for (const s of covering) {
        const color = labels.get(s.labelId)?.color ?? '#888888';
        const lane = lanes.get(s.id) ?? 0;
        const thick = s.id === selectedSpanId ? SELECTED_LINE_PX : LINE_PX;
        layers.push(`linear-gradient(${color},${color})`);
        // Lane 0 sits just under the text; outer (longer) spans further down.
        positions.push(`0 calc(100% - ${(laneCount - 1 - lane) * pitch}px)`);
        sizes.push(`100% ${thick}px`);
      }
      const inner = labels.get(covering[0]!.labelId)?.color ?? '#888888';
      const isSel = covering.some((s) => s.id === selectedSpanId);
      layers.push(`linear-gradient(${alpha(inner, isSel ? '40' : '22')},${alpha(inner, isSel ? '40' : '22')})`);
      positions.push('0 0');
      sizes.push(`100% calc(100% - ${laneCount * pitch}px)`);
      style.backgroundImage = layers.join(',');
      style.backgroundPosition = positions.join(',');
      style.backgroundSize = sizes.join(',');
      style.paddingBottom = `${laneCount * pitch}px`;
      classes.push('marked');
      if (isSel) classes.push('in-selected');
      if (selected && seg.start === Math.max(selected.start, para.start)) classes.push('sel-start');
      if (selected && seg.end === Math.min(selected.end, para.end)) classes.push('sel-end');
      title = covering.map((s) => labels.get(s.labelId)?.name ?? '?').join(' ⊂ ');
    }
    if (selStart !== null && selEnd !== null && seg.start >= selStart && seg.end <= selEnd && selEnd > selStart) {
      classes.push('text-sel');
    }
    // Invisible characters are drawn as marked boxes, each its own piece at its own offset;
    // the selection's edge bars go on the segment's first and last piece only.
    if (flash && seg.start >= flash.start && seg.end <= flash.end) classes.push('flash');
    const flashing = flash && classes.includes('flash');
    const pieces = displayPieces(text, seg.start, seg.end);
    pieces.forEach((piece, i) => {
      const own = classes.filter((c) => (c !== 'sel-start' || i === 0) && (c !== 'sel-end' || i === pieces.length - 1));
      if (piece.kind === 'invisible') own.push('invisible-mark');
      out.push(
        <span
          key={flashing ? `${piece.start}:${flash.seq}` : piece.start}
          data-s={piece.start}
          className={own.join(' ')}
          style={style}
          title={piece.kind === 'invisible' ? (title ? `${piece.title}\n${title}` : piece.title) : title}
          data-mark={piece.kind === 'invisible' ? piece.short : undefined}
        >
          {text.slice(piece.start, piece.end)}
        </span>,
      );
    });
  }
  if (caret === para.end) out.push(<span key="caret" className="caret" aria-hidden="true" />);

  return (
    <p className="para" data-p={props.index} data-s={para.start} data-e={para.end}>
      {out}
    </p>
  );
});
