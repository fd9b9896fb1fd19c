// One paragraph of the article under review: the text cut at every span boundary, each
// annotator's spans underlined in their own lane (lane i for annotator i, their dash pattern,
// the label's colour), the gold layer as a band above the text, and the current cluster tinted.
// Memoised: moving to another cluster re-renders only the paragraphs it touches.
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Range } from '../../../../shared/text';
import { displayPieces } from '../../lib/invisibles';
import { segmentParagraph, type MarkSpan } from '../../lib/marks';
import '../text/shown-text.css';
import { GOLD_PX, LANE_PX, LINE_PX, lanePattern, patternImage } from './lanes';

/** A mark in the paragraph: lane = annotator index, -1 for gold, -2 for the gold span being edited. */
export interface LaneMark extends MarkSpan {
  lane: number;
  label: string;
  /** Who drew it (the gold layer: "gold"). */
  who: string;
}

export interface ReviewParagraphProps {
  index: number;
  para: Range;
  text: string;
  marks: LaneMark[];
  laneCount: number;
  colors: Map<string, string>;
  /** The current cluster's extent clipped to the paragraph, or null. */
  cluster: Range | null;
  onPick(offset: number): void;
}

const GREY = '#888888';

export const ReviewParagraph = memo(function ReviewParagraph(props: ReviewParagraphProps) {
  const { para, text, marks, laneCount, colors, cluster } = props;
  const cuts = cluster ? [cluster.start, cluster.end] : [];
  const segments = segmentParagraph(para, marks, cuts);
  const byId = new Map(marks.map((m) => [m.id, m]));
  const out: ReactNode[] = [];
  for (const seg of segments) {
    const classes = ['rseg'];
    const layers: string[] = [];
    const positions: string[] = [];
    const sizes: string[] = [];
    const titles: string[] = [];
    for (const id of seg.covering) {
      const m = byId.get(id)!;
      const color = colors.get(m.label) ?? GREY;
      titles.push(`${m.who}: ${m.label}`);
      if (m.lane < 0) {
        // Gold sits above the text; a gold span being edited is drawn dashed over it.
        layers.push(patternImage(m.lane === -2 ? 'dashed' : 'solid', color));
        positions.push('0 0');
        sizes.push(`100% ${GOLD_PX}px`);
        classes.push(m.lane === -2 ? 'gold-edit' : 'gold');
      } else {
        layers.push(patternImage(lanePattern(m.lane), color));
        positions.push(`0 calc(100% - ${(laneCount - 1 - m.lane) * LANE_PX}px)`);
        sizes.push(`100% ${LINE_PX}px`);
      }
    }
    const inCluster = cluster !== null && seg.start >= cluster.start && seg.end <= cluster.end;
    if (inCluster) classes.push('in-cluster');
    if (inCluster && seg.start === cluster.start) classes.push('cluster-start');
    const style: CSSProperties = {
      paddingTop: GOLD_PX + 1,
      paddingBottom: laneCount * LANE_PX,
    };
    if (layers.length) {
      style.backgroundImage = layers.join(',');
      style.backgroundPosition = positions.join(',');
      style.backgroundSize = sizes.join(',');
      style.backgroundRepeat = 'no-repeat';
    }
    // Invisible characters as marked boxes, each a piece at its own offset (lib/invisibles.ts).
    for (const piece of displayPieces(text, seg.start, seg.end)) {
      const own = piece.kind === 'invisible' ? [...classes, 'invisible-mark'] : classes;
      const tip = [...(piece.kind === 'invisible' ? [piece.title] : []), ...titles];
      out.push(
        <span
          key={piece.start}
          data-s={piece.start}
          className={own.join(' ')}
          style={style}
          title={tip.length ? tip.join('\n') : undefined}
          data-mark={piece.kind === 'invisible' ? piece.short : undefined}
          onClick={() => props.onPick(seg.start)}
        >
          {text.slice(piece.start, piece.end)}
        </span>,
      );
    }
  }
  return (
    <p
      className="rpara"
      data-p={props.index}
      data-s={para.start}
      data-e={para.end}
      style={{ '--marks-px': `${GOLD_PX + 1 + laneCount * LANE_PX}px` } as CSSProperties}
    >
      {out}
    </p>
  );
});
