// One paragraph of the article: text cut into segments at span, suggestion, selection and caret
// boundaries; underlines in lanes below the text, a light tint of the innermost label.
// Suggestions are dashed frames, never filled, whose bottom edge runs in a lane of its own
// below the spans' lanes (inside the room every line reserves, so the text never moves).
// Memoised: an edit re-renders only the paragraphs whose props changed.
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Suggestion } from '../../../../shared/across';
import type { Label, Span } from '../../../../shared/model';
import type { Range } from '../../../../shared/text';
import { displayPieces } from '../../lib/invisibles';
import { assignLanes, lanePitch, segmentParagraph } from '../../lib/marks';
import '../text/shown-text.css';

const LINE_PX = 2.5;
const SELECTED_LINE_PX = 4;
const DASH_PX = 1.5;
const FOCUSED_DASH_PX = 2.5;

/** Dashes along a segment (top and bottom edges) and down it (the first and last edges). */
const dashAcross = (c: string) => `repeating-linear-gradient(90deg,${c} 0 4px,transparent 4px 7px)`;
const dashDown = (c: string) => `repeating-linear-gradient(180deg,${c} 0 3px,transparent 3px 5px)`;

export interface ParagraphProps {
  index: number;
  para: Range;
  text: string;
  spans: Span[];
  /** Suggestions touching this paragraph (drawn dashed, never as spans). */
  suggestions: Suggestion[];
  /** The focused suggestion when it touches this paragraph, else null. */
  focusedSuggestionId: string | null;
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
  const {
    para,
    text,
    spans,
    suggestions,
    focusedSuggestionId,
    labels,
    selStart,
    selEnd,
    caret,
    selectedSpanId,
    flash,
  } = props;
  const lanes = assignLanes(spans, para);
  const spanLanes = spans.length ? Math.max(...lanes.values()) + 1 : 0;
  // Suggestions' lanes come after the spans': a frame's bottom edge never crosses an underline.
  const suggestionLanes = assignLanes(suggestions, para);
  const laneCount = spanLanes + (suggestions.length ? Math.max(...suggestionLanes.values()) + 1 : 0);
  const pitch = lanePitch(laneCount);
  const cuts: number[] = [];
  if (selStart !== null && selEnd !== null) cuts.push(selStart, selEnd);
  if (caret !== null) cuts.push(caret);
  if (flash) cuts.push(Math.max(flash.start, para.start), Math.min(flash.end, para.end));
  const segments = segmentParagraph(para, suggestions.length ? [...spans, ...suggestions] : spans, cuts);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const suggestionById = new Map(suggestions.map((g) => [g.id, g]));
  const selected = selectedSpanId ? byId.get(selectedSpanId) : undefined;
  const focused = focusedSuggestionId ? suggestionById.get(focusedSuggestionId) : undefined;

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
    if (focused && seg.start === Math.max(focused.start, para.start)) {
      const label = labels.get(focused.labelId);
      out.push(
        <span key="suggestion-chip" className="chip-anchor" data-chip="" contentEditable={false} aria-hidden="true">
          <span
            className="chip suggestion-chip"
            style={{ borderColor: label?.color ?? '#888' }}
            data-testid="suggestion-chip"
          >
            {focused.label}?
          </span>
        </span>,
      );
    }
    const classes = ['seg'];
    const style: CSSProperties = {};
    let title: string | undefined;
    const covering = seg.covering
      .filter((id) => byId.has(id))
      .map((id) => byId.get(id)!)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
    const proposed = seg.covering.filter((id) => suggestionById.has(id)).map((id) => suggestionById.get(id)!);
    const layers: string[] = [];
    const positions: string[] = [];
    const sizes: string[] = [];
    for (const g of proposed) {
      const color = labels.get(g.labelId)?.color ?? '#888888';
      const thick = g.id === focusedSuggestionId ? FOCUSED_DASH_PX : DASH_PX;
      // The frame runs from the top of the text down to its own lane.
      const bottom = (laneCount - 1 - (spanLanes + (suggestionLanes.get(g.id) ?? 0))) * pitch;
      layers.push(dashAcross(color), dashAcross(color));
      positions.push('0 0', `0 calc(100% - ${bottom}px)`);
      sizes.push(`100% ${thick}px`, `100% ${thick}px`);
      if (seg.start === Math.max(g.start, para.start)) {
        layers.push(dashDown(color));
        positions.push('0 0');
        sizes.push(`${thick}px calc(100% - ${bottom}px)`);
      }
      if (seg.end === Math.min(g.end, para.end)) {
        layers.push(dashDown(color));
        positions.push('100% 0');
        sizes.push(`${thick}px calc(100% - ${bottom}px)`);
      }
    }
    if (proposed.length) {
      classes.push('suggested');
      if (proposed.some((g) => g.id === focusedSuggestionId)) classes.push('suggestion-focused');
      title = proposed.map((g) => `${g.label}: suggested (click or Enter accepts)`).join('\n');
    }
    if (covering.length) {
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
      classes.push('marked');
      if (isSel) classes.push('in-selected');
      if (selected && seg.start === Math.max(selected.start, para.start)) classes.push('sel-start');
      if (selected && seg.end === Math.min(selected.end, para.end)) classes.push('sel-end');
      const names = covering.map((s) => labels.get(s.labelId)?.name ?? '?').join(' ⊂ ');
      title = title ? `${names}\n${title}` : names;
    }
    if (layers.length) {
      style.backgroundImage = layers.join(',');
      style.backgroundPosition = positions.join(',');
      style.backgroundSize = sizes.join(',');
      style.paddingBottom = `${laneCount * pitch}px`;
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
          data-suggestions={proposed.length ? proposed.map((g) => g.id).join(' ') : undefined}
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
