// The keys of a keyboard-driven list (the article list, the review queue): where Up, Down,
// Home and End move its cursor, and Enter opens the row under it.

/** The new cursor for a movement key, 'open' for Enter, null for any other key. */
export function listKeyTarget(key: string, cursor: number, count: number): number | 'open' | null {
  switch (key) {
    case 'Enter':
      return 'open';
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
    case 'ArrowUp':
      return Math.max(0, Math.min(count - 1, cursor + (key === 'ArrowDown' ? 1 : -1)));
    default:
      return null;
  }
}
