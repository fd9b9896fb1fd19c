// The offer after a label: "Label 3 more in this article · 14 in the set". It never takes the
// focus (the person may be labelling on), and it fades when they go on or move to another article.
import { shortcutText } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { offerText } from '../../store/occurrences';
import { ShownText } from '../text/ShownText';
import './across.css';

export function OccurrenceOffer() {
  const offer = useStore((s) => s.occurrenceOffer);
  const label = useStore((s) => s.labels.find((l) => l.id === s.occurrenceOffer?.labelId));
  const open = useStore((s) => s.openOccurrences);
  const dismiss = useStore((s) => s.dismissOccurrenceOffer);
  if (!offer) return null;
  const keep = (e: React.MouseEvent) => e.preventDefault();
  return (
    <div className="occurrence-offer" role="status" data-testid="occurrence-offer">
      <span className="offer-what">
        <span className="offer-label" style={{ background: label?.color }}>
          {label?.name ?? '?'}
        </span>{' '}
        “<ShownText text={offer.text.length > 40 ? `${offer.text.slice(0, 39)}…` : offer.text} />”
      </span>
      <button
        type="button"
        className="primary"
        onMouseDown={keep}
        onClick={() => open()}
        data-testid="occurrence-offer-open"
        title="Preview them, then Enter labels them all"
      >
        <span data-testid="occurrence-offer-text">{offerText(offer)}</span>{' '}
        <kbd>{shortcutText('labelOccurrences')}</kbd>
      </button>
      <button
        type="button"
        onMouseDown={keep}
        onClick={dismiss}
        aria-label="Dismiss"
        data-testid="occurrence-offer-dismiss"
      >
        ×
      </button>
    </div>
  );
}
