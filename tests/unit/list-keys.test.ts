// The keys of the article list and the review queue: one reading of Up, Down, Home, End, Enter.
import { describe, expect, it } from 'vitest';
import { listKeyTarget } from '../../src/renderer/src/lib/listKeys';

describe('list keys', () => {
  it('move the cursor within the list, open with Enter, and leave other keys alone', () => {
    expect(listKeyTarget('ArrowDown', 3, 10)).toBe(4);
    expect(listKeyTarget('ArrowDown', 9, 10)).toBe(9);
    expect(listKeyTarget('ArrowUp', 3, 10)).toBe(2);
    expect(listKeyTarget('ArrowUp', 0, 10)).toBe(0);
    expect(listKeyTarget('Home', 7, 10)).toBe(0);
    expect(listKeyTarget('End', 2, 10)).toBe(9);
    expect(listKeyTarget('Enter', 2, 10)).toBe('open');
    expect(listKeyTarget('j', 2, 10)).toBeNull();
  });
});
