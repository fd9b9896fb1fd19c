// The review toolbar: the merge policy's setting and the button that applies it. What it
// decided is said in the status bar, with the key that undoes it.
import { useStore } from '../../store';

export function PolicyBar() {
  const policy = useStore((s) => s.policy);
  const savePolicy = useStore((s) => s.savePolicy);
  const apply = useStore((s) => s.applyMergePolicy);
  const adjudicated = useStore((s) => s.review?.adjudicated ?? false);
  const hasArticle = useStore((s) => s.review !== null);
  const adjudicate = useStore((s) => s.adjudicateAndNext);
  const openAgreement = useStore((s) => s.openAgreement);
  return (
    <div className="review-toolbar" role="toolbar" aria-label="Review">
      <fieldset className="policy" aria-label="Merge policy">
        <label>
          <input
            type="checkbox"
            checked={policy.unanimous}
            onChange={(e) => {
              e.currentTarget.blur();
              void savePolicy({ ...policy, unanimous: e.currentTarget.checked });
            }}
            data-testid="policy-unanimous"
          />
          Unanimous
        </label>
        <label title="More than half of the annotators who marked the article done hold the same version">
          <input
            type="checkbox"
            checked={policy.majority}
            onChange={(e) => {
              e.currentTarget.blur();
              void savePolicy({ ...policy, majority: e.currentTarget.checked });
            }}
            data-testid="policy-majority"
          />
          Majority
        </label>
        <button
          type="button"
          onClick={(e) => {
            e.currentTarget.blur();
            void apply();
          }}
          disabled={!policy.unanimous && !policy.majority}
          data-testid="apply-policy"
        >
          Apply merge policy
        </button>
      </fieldset>
      <button
        type="button"
        onClick={(e) => {
          e.currentTarget.blur();
          void openAgreement();
        }}
        title="Ctrl+Shift+A"
        data-testid="open-agreement"
      >
        Agreement…
      </button>
      <span className="toolbar-spacer" />
      {hasArticle ? (
        <button
          type="button"
          onClick={(e) => {
            e.currentTarget.blur();
            void adjudicate();
          }}
          title="Ctrl+Enter"
          data-testid="adjudicate"
        >
          {adjudicated ? 'Adjudicated ✓ — next' : 'Mark adjudicated and next'}
        </button>
      ) : null}
    </div>
  );
}
