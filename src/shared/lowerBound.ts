// Binary search over a sorted array, written once for the main process and the window alike.

/**
 * Orders an item of the sorted array against the key sought: negative when the item comes
 * before it, zero when equal, positive when after. The item's index is given for orders that
 * depend on it (code points before an astral character, say).
 */
export type KeyCompare<T, K> = (item: T, key: K, index: number) => number;

/**
 * The first index of `sorted` whose item does not come before `key` (the place to insert it
 * ahead of its equals), or `sorted.length` when every item does. `sorted` is in `compare`'s order.
 */
export function lowerBound<T, K>(sorted: readonly T[], key: K, compare: KeyCompare<T, K>): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, key, mid) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `sorted` whose item comes after `key` (past its equals), or `sorted.length`. */
export function upperBound<T, K>(sorted: readonly T[], key: K, compare: KeyCompare<T, K>): number {
  return lowerBound(sorted, key, (item, k, index) => (compare(item, k, index) <= 0 ? -1 : 1));
}
