// Assign work: the annotators' names (one per line or comma-separated), how many annotators
// each article goes to (or a share of double-annotated articles), and the seed. Main then asks
// for the folder the assignment packs go into; the job's summary lists each pack written.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { Sheet } from '../shell/Sheet';
import '../jobs/jobs.css';

/** Names from the text area: lines or commas, trimmed, blanks dropped. */
export function parseNames(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((n) => n.trim())
    .filter(Boolean);
}

type Share = 'overlap' | 'double';

interface Checked {
  names: string[];
  errors: { annotators?: string; overlap?: string; double?: string; seed?: string };
}

function check(text: string, share: Share, overlap: string, double: string, seed: string): Checked {
  const names = parseNames(text);
  const errors: Checked['errors'] = {};
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (names.length === 0) errors.annotators = 'Name at least one annotator.';
  else if (twice) errors.annotators = `${twice} is named twice.`;
  const n = Math.max(1, names.length);
  if (share === 'overlap') {
    const k = Number(overlap);
    if (!/^\d+$/.test(overlap.trim()) || k < 1 || k > n) {
      errors.overlap = `A whole number from 1 to ${n} (the number of annotators).`;
    }
  } else {
    const p = Number(double);
    if (!double.trim() || !Number.isFinite(p) || p < 0 || p > 1) errors.double = 'A share between 0 and 1, e.g. 0.2.';
    else if (names.length < 2) errors.double = 'Double annotation needs at least two annotators.';
  }
  if (!/^-?\d+$/.test(seed.trim()) || !Number.isSafeInteger(Number(seed))) errors.seed = 'A whole number, e.g. 7.';
  return { names, errors };
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span className="form-error" id={id} data-testid={id}>
      {text}
    </span>
  ) : null;
}

export function AssignSheet() {
  const startAssign = useStore((s) => s.startAssign);
  const close = useStore((s) => s.closePacksSheet);
  const error = useStore((s) => s.packsError);
  const [text, setText] = useState('');
  const [share, setShare] = useState<Share>('overlap');
  const [overlap, setOverlap] = useState('1');
  const [double, setDouble] = useState('0.2');
  const [seed, setSeed] = useState('0');
  const [tried, setTried] = useState(false);
  const { names, errors } = check(text, share, overlap, double, seed);
  const ok = Object.keys(errors).length === 0;
  // A field's message shows once the user has typed in it or tried to start.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const shown = (field: keyof Checked['errors']) => (tried || touched[field] ? errors[field] : undefined);
  const touch = (field: string) => setTouched((t) => (t[field] ? t : { ...t, [field]: true }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!ok) return;
    void startAssign({
      annotators: names,
      ...(share === 'overlap' ? { overlap: Number(overlap) } : { double: Number(double) }),
      seed: Number(seed),
    });
  };

  return (
    <Sheet
      title="Assign work"
      label="Assign work"
      testId="assign-sheet"
      className="jobs-sheet"
      onClose={close}
      onSubmit={submit}
    >
      <p className="jobs-help">
        Shares this project’s articles among annotators and writes one assignment pack per annotator (their articles,
        the labels and the guidelines). The same seed always gives the same shares.
      </p>
      <div className="jobs-form">
        <label>
          Annotators (one per line, or separated by commas)
          <textarea
            rows={4}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              touch('annotators');
            }}
            aria-invalid={Boolean(shown('annotators'))}
            aria-describedby="assign-annotators-error"
            data-testid="assign-annotators"
            placeholder={'anna\nbo\ncy'}
          />
          <FieldError id="assign-annotators-error" text={shown('annotators')} />
        </label>
        <label className="jobs-check">
          <input type="radio" name="share" checked={share === 'overlap'} onChange={() => setShare('overlap')} />
          Each article goes to
          <input
            className="jobs-number"
            value={overlap}
            onChange={(e) => {
              setOverlap(e.target.value);
              touch('overlap');
            }}
            onFocus={() => setShare('overlap')}
            inputMode="numeric"
            aria-label="Annotators per article"
            aria-invalid={Boolean(shown('overlap'))}
            data-testid="assign-overlap"
          />
          annotator(s)
        </label>
        <FieldError id="assign-overlap-error" text={shown('overlap')} />
        <label className="jobs-check">
          <input type="radio" name="share" checked={share === 'double'} onChange={() => setShare('double')} />
          A share of
          <input
            className="jobs-number"
            value={double}
            onChange={(e) => {
              setDouble(e.target.value);
              touch('double');
            }}
            onFocus={() => setShare('double')}
            inputMode="decimal"
            aria-label="Share of double-annotated articles"
            aria-invalid={Boolean(shown('double'))}
            data-testid="assign-double"
          />
          of the articles goes to two annotators, the rest to one
        </label>
        <FieldError id="assign-double-error" text={shown('double')} />
        <label>
          Seed
          <input
            value={seed}
            onChange={(e) => {
              setSeed(e.target.value);
              touch('seed');
            }}
            inputMode="numeric"
            aria-invalid={Boolean(shown('seed'))}
            data-testid="assign-seed"
          />
          <FieldError id="assign-seed-error" text={shown('seed')} />
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="jobs-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={tried && !ok} data-testid="assign-start">
          Choose folder…
        </button>
      </footer>
    </Sheet>
  );
}
