// First launch: who is annotating? Every span records its annotator.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import './welcome.css';

export function AnnotatorPrompt() {
  const setAnnotator = useStore((s) => s.setAnnotator);
  const project = useStore((s) => s.session?.projectName);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await setAnnotator(name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="welcome">
      <form className="welcome-card" onSubmit={(e) => void submit(e)} data-testid="annotator-prompt">
        <h1>Welcome to Spanwise</h1>
        <p>
          You are opening <strong>{project}</strong>. Every span you make records who made it, so that reviewers can
          compare annotators later.
        </p>
        <label htmlFor="annotator-name">Your name</label>
        <input
          id="annotator-name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Ana Lima"
          maxLength={80}
        />
        {error ? <p className="form-error">{error}</p> : null}
        <button type="submit" className="primary" disabled={!name.trim()}>
          Start annotating
        </button>
      </form>
    </div>
  );
}
