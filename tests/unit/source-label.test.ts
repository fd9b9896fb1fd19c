// The source the list and the article header show: the outlet from meta, a web address's site,
// the file's name, or its folder when the name is only a hash.
import { describe, expect, it } from 'vitest';
import { sourceLabel } from '../../src/shared/source-label';

describe('sourceLabel', () => {
  it('names the outlet from meta first, then a web address’s site', () => {
    expect(sourceLabel('feeds/x.jsonl:3', { outlet: 'NK News' })).toBe('NK News');
    expect(sourceLabel('feeds/x.jsonl:3', { publisher: ' AP ' })).toBe('AP');
    expect(sourceLabel('https://www.bbc.co.uk/news/world-123')).toBe('bbc.co.uk');
    expect(sourceLabel('feeds/x.jsonl:3', { url: 'https://apnews.com/article/1' })).toBe('apnews.com');
  });

  it('shows a file’s name, but its folder when the name is only a number and a hash', () => {
    expect(sourceLabel('demo/000_602eb1f1d6f10cb5.txt')).toBe('demo');
    expect(sourceLabel('corpus/2023/9f86d081884c7d659a2feaa0c55ad015.txt')).toBe('corpus/2023');
    expect(sourceLabel('corpus/reuters-kim-putin.txt')).toBe('reuters-kim-putin.txt');
    expect(sourceLabel('602eb1f1d6f10cb5.txt')).toBe('602eb1f1d6f10cb5.txt');
    expect(sourceLabel('')).toBe('');
  });
});
