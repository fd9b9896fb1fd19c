// Helpers for driving the editor like a person: select text with the mouse, read the spans
// back through window.api (the real backend, on either host).
import type { Page } from '@playwright/test';
import type { Api } from '../../src/shared/contract';
import type { Span } from '../../src/shared/model';

declare global {
  interface Window {
    api: Api;
  }
}

/** The open article's id and text, read through the app's own API. */
export async function openArticle(page: Page): Promise<{ id: number; text: string }> {
  const title = await page.getByTestId('article-title').textContent();
  return page.evaluate(async (title) => {
    const list = await window.api.listArticles({ limit: 5000 });
    if (!list.ok) throw new Error(list.error.message);
    const item = list.value.items.find((a) => a.title === title);
    if (!item) throw new Error(`no article titled ${title}`);
    const article = await window.api.getArticle({ id: item.id });
    if (!article.ok) throw new Error(article.error.message);
    return { id: article.value.id, text: article.value.text };
  }, title);
}

/** Spans stored in the project for an article (after the write queue has drained). */
export async function storedSpans(page: Page, articleId: number): Promise<Span[]> {
  await page.getByTestId('save-state').filter({ hasText: 'saved' }).waitFor();
  return page.evaluate(async (articleId) => {
    const res = await window.api.listSpans({ articleId });
    if (!res.ok) throw new Error(res.error.message);
    return res.value;
  }, articleId);
}

/**
 * Viewport points at the start and end of text offsets [start, end) in the rendered article,
 * once the text has stopped moving: the virtualised list measures the paragraphs it draws for
 * the first time and may correct its scroll a frame later, and a drag aimed before that lands
 * on other words.
 */
async function pointsFor(page: Page, start: number, end: number) {
  return page.evaluate(
    async ({ start, end }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const measure = () => {
        const segs = [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg')];
        const locate = (offset: number, preferEnd: boolean) => {
          for (const seg of segs) {
            const s = Number(seg.dataset['s']);
            const len = seg.textContent?.length ?? 0;
            if (offset > s && offset < s + len) return { node: seg.firstChild!, at: offset - s };
            if (!preferEnd && offset === s) return { node: seg.firstChild!, at: 0 };
            if (preferEnd && offset === s + len) return { node: seg.firstChild!, at: len };
          }
          throw new Error(`offset ${offset} is not rendered`);
        };
        const a = locate(start, false);
        const b = locate(end, true);
        const r1 = document.createRange();
        r1.setStart(a.node, a.at);
        r1.setEnd(a.node, Math.min(a.at + 1, a.node.textContent!.length));
        const r2 = document.createRange();
        r2.setStart(b.node, Math.max(b.at - 1, 0));
        r2.setEnd(b.node, b.at);
        const first = r1.getClientRects()[0]!;
        const last = [...r2.getClientRects()].at(-1)!;
        return {
          seg: a.node.parentElement!,
          from: { x: first.left + 1, y: first.top + first.height / 2 },
          to: { x: last.right - 1, y: last.top + last.height / 2 },
          top: first.top,
          bottom: last.bottom,
        };
      };
      let seen = measure();
      // As a person would, bring the words into view before pointing at them: a character the
      // virtualised list has drawn may still be below the article's visible edge.
      const view = document.querySelector('[data-testid=article-scroll]')?.getBoundingClientRect();
      if (view && (seen.top < view.top || seen.bottom > view.bottom)) seen.seg.scrollIntoView({ block: 'center' });
      for (let i = 0; i < 20; i++) {
        await frame();
        const now = measure();
        if (
          now.from.x === seen.from.x &&
          now.from.y === seen.from.y &&
          now.to.x === seen.to.x &&
          now.to.y === seen.to.y
        )
          return { from: now.from, to: now.to };
        seen = now;
      }
      throw new Error(`the text at ${start}–${end} kept moving`);
    },
    { start, end },
  );
}

/** Drags the mouse across the first occurrence of `needle` (after `from`) in the article. */
export async function dragSelect(
  page: Page,
  text: string,
  needle: string,
  from = 0,
): Promise<{ start: number; end: number }> {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" is not in the article`);
  const end = start + needle.length;
  const { from: p, to: q } = await pointsFor(page, start, end);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move((p.x + q.x) / 2, (p.y + q.y) / 2, { steps: 3 });
  await page.mouse.move(q.x, q.y, { steps: 3 });
  await page.mouse.up();
  return { start, end };
}

/** Clicks on the character at `offset`. */
export async function clickAt(page: Page, offset: number): Promise<void> {
  const { from } = await pointsFor(page, offset, offset + 1);
  await page.mouse.click(from.x + 1, from.y);
}

/** Clicks on the right half of the character at `offset` (where the caret lands after it). */
export async function clickRightHalf(page: Page, offset: number): Promise<void> {
  const { to } = await pointsFor(page, offset, offset + 1);
  await page.mouse.click(to.x - 1, to.y);
}

/** Presses on the first character of `needle` and releases `dx` pixels right of its last one. */
export async function dragPast(page: Page, text: string, needle: string, dx: number): Promise<void> {
  const start = text.indexOf(needle);
  const { from, to } = await pointsFor(page, start, start + needle.length);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x + dx, to.y, { steps: 5 });
  await page.mouse.up();
}
