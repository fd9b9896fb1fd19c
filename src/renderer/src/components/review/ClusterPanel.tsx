// The side panel in review mode: the current cluster's versions (numbered by annotator: the
// key that takes each), its kinds, status and decision, the gold span being edited, and the
// article's progress.
import type { ReviewClusterData } from '../../../../shared/review';
import { useStore } from '../../store';
import { articleProgressText, describeDecision, isOpen, orderedClusters, selectCluster } from '../../store/review';

const STATUS_TEXT: Record<ReviewClusterData['status'], string> = {
  unanimous: 'Unanimous',
  open: 'Open',
  decided: 'Decided',
  reopened: 'Reopened (the versions changed since it was decided)',
};

export function ClusterPanel() {
  const review = useStore((s) => s.review);
  const cluster = useStore(selectCluster);
  const versionIndex = useStore((s) => s.versionIndex);
  const goldEdit = useStore((s) => s.goldEdit);
  const labels = useStore((s) => s.labels);
  const decideOrphan = useStore((s) => s.decideOrphan);
  const colors = new Map(labels.map((l) => [l.name, l.color]));
  if (!review) {
    return (
      <section className="panel-section cluster-panel">
        <h2>Conflict</h2>
        <p className="hint">Open an article from the review queue.</p>
      </section>
    );
  }
  const ordered = orderedClusters(review);
  const position = cluster ? ordered.findIndex((c) => c.id === cluster.id) + 1 : 0;
  const gold = cluster ? review.gold.find((g) => g.clusterId === cluster.id) : undefined;
  const chip = (label: string) => (
    <span className="span-label" style={{ background: colors.get(label) ?? '#888' }}>
      {label}
    </span>
  );
  return (
    <section className="panel-section cluster-panel" data-testid="cluster-panel">
      <p className="review-progress" data-testid="article-review-progress">
        {articleProgressText(review)}
      </p>
      {cluster ? (
        <>
          <h2>
            Cluster {position} of {ordered.length}
          </h2>
          <p className="cluster-meta">
            <span className="cluster-status" data-testid="cluster-status" data-status={cluster.status}>
              {STATUS_TEXT[cluster.status]}
            </span>
            {cluster.kinds.map((k) => (
              <span key={k} className="kind-chip" data-testid="cluster-kind">
                {k}
              </span>
            ))}
          </p>
          <ol className="versions" aria-label="Versions" data-testid="versions">
            {review.layers.map((l, i) => {
              const member = cluster.members.find((m) => m.annotator === l.annotator);
              return (
                <li
                  key={l.annotator}
                  className={`version ${i === versionIndex ? 'highlighted' : ''} ${member ? '' : 'none'}`}
                  aria-current={i === versionIndex ? 'true' : undefined}
                  data-testid="version"
                  data-annotator={l.annotator}
                >
                  <kbd>{i + 1}</kbd> <span className="version-who">{l.annotator}</span>{' '}
                  {member ? (
                    <>
                      {chip(member.span.label)}{' '}
                      <span className="version-text">“{review.text.slice(member.span.start, member.span.end)}”</span>
                    </>
                  ) : (
                    <span className="version-text muted">(no span)</span>
                  )}
                </li>
              );
            })}
          </ol>
          {goldEdit ? (
            <div className="gold-editing" data-testid="gold-editing">
              <h2>Editing gold</h2>
              <p>
                {chip(labels.find((l) => l.id === goldEdit.labelId)?.name ?? '?')}{' '}
                <span className="version-text">“{review.text.slice(goldEdit.start, goldEdit.end)}”</span>
              </p>
              <p className="hint">
                Shift+← / → moves the end, Alt+Shift+← / → the start, label keys relabel, Ctrl+Z steps back; Enter
                records, Esc cancels.
              </p>
            </div>
          ) : null}
          <h2>Decision</h2>
          <p data-testid="cluster-decision">
            {cluster.decision ? describeDecision(cluster.decision) : isOpen(cluster) ? 'Open' : '—'}
            {gold ? (
              <>
                {' '}
                → {chip(gold.label)} <span className="version-text">“{review.text.slice(gold.start, gold.end)}”</span>
              </>
            ) : null}
          </p>
          {cluster.previous.length ? (
            <p className="hint">Decided before as {cluster.previous.map(describeDecision).join('; ')}.</p>
          ) : null}
          <p className="hint keys-hint">
            1–{review.layers.length} take · ↑/↓ highlight · A accept · R no span · E edit · J/K next/previous
          </p>
        </>
      ) : (
        <p className="hint">No layer has a span in this article.</p>
      )}
      {review.orphans.length ? (
        <div data-testid="orphans">
          <h2>Gold without versions</h2>
          <p className="hint">
            Every annotator’s span under these gold spans was deleted since they were decided: keep the span or remove
            it.
          </p>
          <ul className="orphans">
            {review.orphans.map((o) => (
              <li key={o.clusterId} data-testid="orphan">
                {o.span ? (
                  <>
                    {chip(o.span.label)}{' '}
                    <span className="version-text">“{review.text.slice(o.span.start, o.span.end)}”</span>{' '}
                  </>
                ) : null}
                <button type="button" onClick={() => void decideOrphan(o.clusterId, true)}>
                  Keep
                </button>{' '}
                <button type="button" onClick={() => void decideOrphan(o.clusterId, false)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
