// dispatch.ts: the contract at the IPC edge. Every call is parsed with the method's strict zod
// schema; failures come back as data with a stable code and a message naming method and field;
// a rejected call writes nothing.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import type { Project } from '../../src/main/backend/project';
import { METHODS } from '../../src/shared/contract';
import type { Label, Span } from '../../src/shared/model';
import { ERROR_CODES, type Result } from '../../src/shared/result';
import { tempProject } from './helpers';

function setup() {
  const p = tempProject({ demo: true });
  const call = (method: unknown, input?: unknown): Result<unknown> => dispatch(p.handlers, method, input);
  const ok = <T>(method: string, input?: unknown): T => {
    const r = call(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const articleId = ok<{ items: { id: number }[] }>('listArticles', {}).items[0]!.id;
  const labelId = ok<Label[]>('listLabels').find((l) => l.name === 'ACTOR')!.id;
  return { p, call, ok, articleId, labelId };
}

/** Everything a rejected call could have written: per-connection change counter and row counts. */
function writes(p: Project): unknown {
  const tables = ['labels', 'articles', 'annotators', 'spans', 'article_status', 'settings'];
  return {
    changes: (p.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    rows: tables.map((t) => (p.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n),
    spans: p.db.prepare('SELECT * FROM spans ORDER BY id').all(),
    labels: p.db.prepare('SELECT * FROM labels ORDER BY id').all(),
  };
}

function expectError(r: Result<unknown>, code: string, ...fragments: (string | RegExp)[]): void {
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (r.ok) return;
  expect(r.error.code, r.error.message).toBe(code);
  for (const f of fragments) {
    if (typeof f === 'string') expect(r.error.message).toContain(f);
    else expect(r.error.message).toMatch(f);
  }
}

describe('the contract', () => {
  it('every method refuses a key its schema does not name (strict schemas: nothing unchecked reaches a handler)', () => {
    const { p } = setup();
    for (const m of METHODS) {
      const r = dispatch(p.handlers, m, { smuggled: 1 });
      expect(r.ok, m).toBe(false);
      if (!r.ok) {
        expect(r.error.code, m).toBe('BAD_INPUT');
        expect(r.error.message, m).toMatch(/smuggled/);
      }
    }
  });
});

describe('method names', () => {
  it('an unknown method is UNKNOWN_METHOD, including prototype names and non-strings', () => {
    const { p, call } = setup();
    const before = writes(p);
    for (const name of ['dropTable', '', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expectError(call(name, {}), 'UNKNOWN_METHOD', name);
    }
    for (const name of [undefined, null, 42, { method: 'listLabels' }, ['listLabels']]) {
      expectError(call(name, {}), 'UNKNOWN_METHOD');
    }
    expect(writes(p)).toEqual(before);
  });

  it('checks the method name before anything else, even with no project', () => {
    expectError(dispatch(null, 'dropTable', {}), 'UNKNOWN_METHOD');
  });
});

describe('bad input is BAD_INPUT naming the method and the field, and writes nothing', () => {
  const cases: {
    what: string;
    method: string;
    input: (ids: { articleId: number; labelId: number }) => unknown;
    field: string | RegExp;
  }[] = [
    {
      what: 'wrong type (string offset)',
      method: 'createSpan',
      input: (i) => ({ ...i, start: '3', end: 5 }),
      field: 'start',
    },
    { what: 'wrong type (string id)', method: 'getArticle', input: () => ({ id: '1' }), field: 'id' },
    { what: 'wrong type (boolean for string)', method: 'setAnnotator', input: () => ({ name: true }), field: 'name' },
    {
      what: 'missing field',
      method: 'createSpan',
      input: (i) => ({ articleId: i.articleId, start: 0, end: 3 }),
      field: 'labelId',
    },
    { what: 'missing everything', method: 'listSpans', input: () => undefined, field: 'articleId' },
    {
      what: 'extra field',
      method: 'createSpan',
      input: (i) => ({ ...i, start: 0, end: 3, annotatorId: 2 }),
      field: 'annotatorId',
    },
    { what: 'extra field on an empty schema', method: 'listLabels', input: () => ({ all: true }), field: 'all' },
    {
      what: 'extra field: origin cannot be forged',
      method: 'createSpan',
      input: (i) => ({ ...i, start: 0, end: 3, origin: 'gold' }),
      field: 'origin',
    },
    { what: 'negative offset', method: 'createSpan', input: (i) => ({ ...i, start: -1, end: 3 }), field: 'start' },
    {
      what: 'fractional offset',
      method: 'updateSpan',
      input: () => ({ id: '3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60', end: 2.5 }),
      field: 'end',
    },
    {
      what: 'end not after start',
      method: 'createSpan',
      input: (i) => ({ ...i, start: 5, end: 5 }),
      field: /end: end must be greater than start/,
    },
    { what: 'non-uuid id', method: 'deleteSpan', input: () => ({ id: 'span-1' }), field: 'id' },
    {
      what: 'non-uuid client id',
      method: 'createSpan',
      input: (i) => ({ ...i, id: '1234', start: 0, end: 3 }),
      field: 'id',
    },
    { what: 'zero id', method: 'getArticle', input: () => ({ id: 0 }), field: 'id' },
    {
      what: 'bad colour (name)',
      method: 'createLabel',
      input: () => ({ name: 'X', color: 'red' }),
      field: /color: colour must be #rrggbb/,
    },
    {
      what: 'bad colour (short hex)',
      method: 'updateLabel',
      input: (i) => ({ id: i.labelId, color: '#fff' }),
      field: 'color',
    },
    {
      what: 'bad hotkey (two chars)',
      method: 'createLabel',
      input: () => ({ name: 'X', hotkey: '10' }),
      field: /hotkey: hotkey must be/,
    },
    {
      what: 'bad hotkey (upper case)',
      method: 'updateLabel',
      input: (i) => ({ id: i.labelId, hotkey: 'A' }),
      field: 'hotkey',
    },
    { what: 'bad hotkey (symbol)', method: 'createLabel', input: () => ({ name: 'X', hotkey: '!' }), field: 'hotkey' },
    {
      what: 'blank label name',
      method: 'createLabel',
      input: () => ({ name: '   ' }),
      field: /name: label name is empty/,
    },
    {
      what: 'too long label name',
      method: 'updateLabel',
      input: (i) => ({ id: i.labelId, name: 'X'.repeat(41) }),
      field: 'name',
    },
    { what: 'blank annotator name', method: 'setAnnotator', input: () => ({ name: ' ' }), field: 'name' },
    {
      what: 'unknown status',
      method: 'setStatus',
      input: (i) => ({ articleId: i.articleId, status: 'finished' }),
      field: 'status',
    },
    { what: 'limit too large', method: 'listArticles', input: () => ({ limit: 5001 }), field: 'limit' },
    {
      what: 'bad direction',
      method: 'nextArticle',
      input: () => ({ afterId: null, direction: 2 }),
      field: 'direction',
    },
    { what: 'input not an object', method: 'getArticle', input: () => 'id=1', field: /: input: .*expected object/ },
    { what: 'array input', method: 'listLabels', input: () => [], field: /: input: .*expected object/ },
  ];

  it.each(cases)('$what ($method)', ({ method, input, field }) => {
    const { p, call, articleId, labelId } = setup();
    const before = writes(p);
    const r = call(method, input({ articleId, labelId }));
    expectError(r, 'BAD_INPUT', `${method}: `, field);
    expect(writes(p)).toEqual(before);
  });

  it('names every bad field when there are several', () => {
    const { call } = setup();
    expectError(
      call('createSpan', { articleId: -1, labelId: 'x', start: 0.5 }),
      'BAD_INPUT',
      'articleId',
      'labelId',
      'start',
      'end',
    );
  });

  it('parses before looking for a project', () => {
    expectError(dispatch(null, 'createSpan', { start: 'x' }), 'BAD_INPUT', 'createSpan');
  });
});

describe('good input', () => {
  it('returns the handler value; defaults are filled and strings trimmed by the schema', () => {
    const { call, ok, articleId } = setup();
    const list = call('listArticles', undefined);
    expect(list.ok && (list.value as { total: number }).total).toBe(5);
    expect(ok<{ items: unknown[] }>('listArticles', { status: 'todo', limit: 2 }).items).toHaveLength(2);
    expect(ok<{ id: number }>('nextArticle', { afterId: null })).toEqual({ id: articleId });
    expect(ok<Label>('createLabel', { name: '  EVENT  ' }).name).toBe('EVENT');
    expect(ok('getSession', null)).toMatchObject({ annotator: { name: 'ana' } });
  });

  it('results survive structured cloning / JSON (what crosses IPC)', () => {
    const { ok, articleId, labelId } = setup();
    const span = ok<Span>('createSpan', { articleId, labelId, start: 0, end: 3 });
    expect(structuredClone(span)).toEqual(span);
    expect(JSON.parse(JSON.stringify(ok('getArticle', { id: articleId })))).toEqual(
      ok('getArticle', { id: articleId }),
    );
  });

  it('a full edit round trip through dispatch', () => {
    const { ok, articleId, labelId } = setup();
    const span = ok<Span>('createSpan', { articleId, labelId, start: 0, end: 3 });
    ok('updateSpan', { id: span.id, end: 5 });
    ok('deleteSpan', { id: span.id });
    ok('restoreSpan', { id: span.id });
    expect(ok<Span[]>('listSpans', { articleId }).map((s) => [s.id, s.start, s.end])).toEqual([[span.id, 0, 5]]);
  });
});

describe('handler errors', () => {
  it('AppError codes and messages pass through unchanged, and write nothing', () => {
    const { p, call, ok, articleId, labelId } = setup();
    const span = ok<Span>('createSpan', { articleId, labelId, start: 0, end: 3 });
    const before = writes(p);
    expectError(call('getArticle', { id: 999 }), 'NOT_FOUND', 'article 999 does not exist');
    expectError(call('createSpan', { articleId, labelId: 999, start: 0, end: 3 }), 'NOT_FOUND', 'label 999');
    expectError(call('createLabel', { name: 'actor' }), 'CONFLICT', 'ACTOR');
    expectError(call('updateLabel', { id: labelId, hotkey: '2' }), 'CONFLICT', 'hotkey 2');
    expectError(call('createSpan', { articleId, labelId, start: 0, end: 10_000_000 }), 'BAD_INPUT', '10000000');
    expectError(call('createSpan', { id: span.id, articleId, labelId, start: 0, end: 3 }), 'CONFLICT', span.id);
    expectError(call('restoreSpan', { id: span.id }), 'CONFLICT');
    expect(writes(p)).toEqual(before);

    p.setAnnotator('bob');
    const bobBefore = writes(p);
    expectError(call('deleteSpan', { id: span.id }), 'FORBIDDEN', 'another annotator');
    expect(writes(p)).toEqual(bobBefore);
  });

  it('NO_ANNOTATOR when nobody has said who they are', () => {
    const p = tempProject({ demo: true, annotator: null });
    expectError(dispatch(p.handlers, 'listArticles', {}), 'NO_ANNOTATOR');
    expectError(dispatch(p.handlers, 'createSpan', { articleId: 1, labelId: 1, start: 0, end: 3 }), 'NO_ANNOTATOR');
    expect(dispatch(p.handlers, 'setAnnotator', { name: 'cara' }).ok).toBe(true);
    expect(dispatch(p.handlers, 'listArticles', {}).ok).toBe(true);
  });

  it('an unexpected exception becomes INTERNAL naming the method (never thrown to the caller)', () => {
    const { p, call } = setup();
    p.close(); // better-sqlite3 now throws a plain TypeError from every statement
    const r = call('listLabels', {});
    expectError(r, 'INTERNAL', 'listLabels: ', /database connection is not open/);
  });

  it('a thrown non-Error value is INTERNAL too', () => {
    const { p } = setup();
    const handlers: typeof p.handlers = {
      ...p.handlers,
      getGuidelines: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: a non-Error thrown by a handler
        throw 'boom';
      },
    };
    expectError(dispatch(handlers, 'getGuidelines', {}), 'INTERNAL', 'getGuidelines: boom');
  });

  it('every error code is one of the stable codes', () => {
    const { call } = setup();
    const results = [call('nope', {}), call('getArticle', { id: 'x' }), call('getArticle', { id: 999 })];
    for (const r of results) expect(!r.ok && ERROR_CODES.includes(r.error.code)).toBe(true);
  });
});

describe('no project', () => {
  it('a valid call with no open project is an error, not a crash', () => {
    const r = dispatch(null, 'listLabels', {});
    expect(r.ok).toBe(false);
    expectError(r, 'NOT_FOUND', 'no project is open');
  });
});

describe('span ids', () => {
  it('are stored lower-case, so an upper-case spelling reaches the same span', () => {
    const { ok, articleId, labelId } = setup();
    const upper = 'ABCDEF12-3456-4ABC-8DEF-0123456789AB';
    const created = ok<Span>('createSpan', { id: upper, articleId, labelId, start: 0, end: 5 });
    expect(created.id).toBe(upper.toLowerCase());
    const moved = ok<Span>('updateSpan', { id: upper, end: 6 });
    expect(moved.id).toBe(upper.toLowerCase());
    expect(moved.end).toBe(6);
    expect(ok<Span[]>('listSpans', { articleId }).map((s) => s.id)).toEqual([upper.toLowerCase()]);
  });
});
