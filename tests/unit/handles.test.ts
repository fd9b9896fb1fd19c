// Typed access to the project file: reads cannot write (checked by the compiler: the lines
// marked as expected type errors fail `npm run typecheck` if a read handle could), writes happen only in
// writeTransaction, nested ones are savepoints, statements are prepared once per connection, and
// a write refused after a statement has run leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { sql, writeTransaction, type ReadDb, type WriteDb } from '../../src/main/backend/db/handles';
import { setSetting, getSetting } from '../../src/main/backend/settings';
import { createSpan } from '../../src/main/backend/spans';
import { appErrorCode, tempProject } from './helpers';
import { snapshot } from './fixtures/io';

describe('read and write handles', () => {
  it('a read handle has no run or exec; a write function needs the handle writeTransaction gives', () => {
    const p = tempProject();
    const read: ReadDb = p.db;
    const statement = read.prepare('SELECT 1 AS one');
    // @ts-expect-error a read handle's statements cannot run writes
    expect(typeof statement.run).toBe('function'); // (at run time it is the same connection)
    // @ts-expect-error a read handle cannot execute SQL
    expect(typeof read.exec).toBe('function');
    // @ts-expect-error setSetting writes: it takes a WriteDb, which only writeTransaction gives
    expect(() => setSetting(read, 'k', 'v')).not.toThrow();
    writeTransaction(read, (w: WriteDb) => setSetting(w, 'k', 'w'));
    expect(getSetting(read, 'k')).toBe('w');
  });

  it('a nested write transaction is a savepoint: its failure rolls back only its own writes', () => {
    const p = tempProject();
    writeTransaction(p.db, (w) => {
      setSetting(w, 'outer', '1');
      expect(() =>
        writeTransaction(w, (inner) => {
          setSetting(inner, 'inner', '1');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      setSetting(w, 'after', '1');
    });
    expect([getSetting(p.db, 'outer'), getSetting(p.db, 'inner'), getSetting(p.db, 'after')]).toEqual(['1', null, '1']);
  });

  it('a statement is prepared once per connection and reused', () => {
    const p = tempProject();
    let prepares = 0;
    const counting: ReadDb = {
      get inTransaction() {
        return p.db.inTransaction;
      },
      prepare: (source: string) => {
        prepares++;
        return p.db.prepare(source);
      },
    };
    const count = sql<{ n: number }>('SELECT count(*) AS n FROM labels');
    expect(count.get(counting)?.n).toBe(4);
    expect(count.get(counting)?.n).toBe(4);
    expect(count.all(counting)).toEqual([{ n: 4 }]);
    expect(prepares).toBe(1);
  });

  it('a span write refused after its INSERT ran leaves the project as it was', () => {
    const p = tempProject();
    const annotator = p.requireAnnotator();
    // The status update that follows the span's INSERT fails: the whole write must roll back.
    p.db.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON article_status BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const before = snapshot(p.db);
    expect(() => createSpan(p.db, annotator, { articleId: 1, labelId: 1, start: 0, end: 3 })).toThrow(/refused/);
    expect(snapshot(p.db)).toBe(before);
    expect(p.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 0 });
    expect(p.db.inTransaction).toBe(false);
    p.db.exec('DROP TRIGGER refuse');
    expect(appErrorCode(() => createSpan(p.db, annotator, { articleId: 1, labelId: 1, start: 0, end: 3 }))).toBe(
      'no error',
    );
  });
});
