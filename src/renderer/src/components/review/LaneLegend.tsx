// The names of the lanes, always in view: each annotator's number (the key that takes their
// version), dash pattern and name, and the gold band.
import { useStore } from '../../store';
import { lanePattern, patternImage } from './lanes';

export function LaneLegend() {
  const layers = useStore((s) => s.review?.layers);
  if (!layers) return null;
  return (
    <ul className="lane-legend" aria-label="Layers" data-testid="lane-legend">
      <li className="legend-gold">
        <span className="legend-swatch gold-swatch" aria-hidden="true" />
        Gold (above the text)
      </li>
      {layers.map((l, i) => (
        <li key={l.annotator} data-testid="lane-name" data-pattern={lanePattern(i)}>
          <kbd>{i + 1}</kbd>{' '}
          <span
            className="legend-swatch"
            aria-hidden="true"
            style={{ backgroundImage: patternImage(lanePattern(i), 'currentColor') }}
          />
          {l.annotator}{' '}
          <span className="legend-count">
            {l.spans.length} span{l.spans.length === 1 ? '' : 's'}
          </span>
        </li>
      ))}
    </ul>
  );
}
