// What the article list and the article's header show as its source: the outlet when the
// article's meta names one, a web address's site, or the file's name — but not a name that is
// only a content hash (`000_602eb1f1d6f10cb5.txt`), which says nothing: then the folder.

const OUTLET_KEYS = ['outlet', 'publisher', 'site_name', 'site', 'publication'] as const;
/** A file name that is a number and/or a long hex hash (what scrapers and dedupers name files). */
const HASH_NAME = /^(\d+[_-])?[0-9a-f]{12,}(\.[a-z0-9]+)?$/i;

export function sourceLabel(source: string, meta: Record<string, unknown> = {}): string {
  for (const key of OUTLET_KEYS) {
    const value = meta[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  const url = typeof meta['url'] === 'string' ? meta['url'] : source;
  if (/^https?:\/\//i.test(url)) {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      // Not a web address after all: read it as a path.
    }
  }
  const parts = source.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1) ?? '';
  if (!HASH_NAME.test(name)) return name || source;
  return parts.length > 1 ? parts.slice(0, -1).join('/') : source;
}
