// Typed access to the project file. Reads take a ReadDb: any connection will do, and its
// statements cannot run writes (no `run`, no `exec`). Writes take a WriteDb, which exists only
// inside writeTransaction (BEGIN IMMEDIATE, see busy.ts), so "every write is in a write
// transaction" is checked by the compiler. Statements are prepared once per connection and
// carry their row type, so a row's shape is written once, beside its SQL.
import type Database from 'better-sqlite3';
import { enterWaiting, existingLockSignal } from './lock-signal';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- better-sqlite3's own bound
type Params = unknown[] | {};

/** A statement that can only read. */
export type ReadStatement<P extends Params, Row> = Pick<
  Database.Statement<P, Row>,
  'get' | 'all' | 'iterate' | 'pluck' | 'raw' | 'columns'
>;

/** A connection as reads see it. A raw better-sqlite3 connection is one. */
export interface ReadDb {
  prepare<P extends Params = unknown[], Row = unknown>(source: string): ReadStatement<P, Row>;
  readonly inTransaction: boolean;
}

declare const writable: unique symbol;

/** A connection inside a write transaction: statements may run, SQL may be executed. */
export interface WriteDb extends ReadDb {
  readonly [writable]: true;
  prepare<P extends Params = unknown[], Row = unknown>(source: string): Database.Statement<P, Row>;
  exec(source: string): this;
}

const cache = new WeakMap<object, Map<string, Database.Statement>>();

/** `source` prepared on this connection, once. */
function prepared(db: ReadDb, source: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map<string, Database.Statement>()));
  let statement = statements.get(source);
  if (!statement) {
    statement = (db as WriteDb).prepare(source);
    statements.set(source, statement);
  }
  return statement;
}

/** A statement with its row type, prepared per connection on first use. */
export interface Sql<Row> {
  get(db: ReadDb, ...params: unknown[]): Row | undefined;
  all(db: ReadDb, ...params: unknown[]): Row[];
  iterate(db: ReadDb, ...params: unknown[]): IterableIterator<Row>;
  run(db: WriteDb, ...params: unknown[]): Database.RunResult;
}

export function sql<Row = never>(source: string): Sql<Row> {
  return {
    get: (db, ...params) => prepared(db, source).get(...params) as Row | undefined,
    all: (db, ...params) => prepared(db, source).all(...params) as Row[],
    iterate: (db, ...params) => prepared(db, source).iterate(...params) as IterableIterator<Row>,
    run: (db, ...params) => prepared(db, source).run(...params),
  };
}

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE), so the
 * busy timeout applies: a deferred transaction that reads first and then writes gets SQLITE_BUSY
 * at once when another connection holds the lock (SQLite will not wait on a read's upgrade).
 * Called inside another write transaction, it is a savepoint: a failure inside rolls back to it.
 *
 * SQLite queues no waiter, and a job that writes in long transactions takes the lock again the
 * moment it commits; a job of this process that reads the waiters' count (lock-signal.ts) ends
 * its transaction when the count says a write waits, and waits for it before going on.
 */
export function writeTransaction<T>(db: ReadDb, fn: (w: WriteDb) => T): T {
  const connection = db as unknown as Database.Database;
  const tx = connection.transaction(() => fn(db as WriteDb));
  if (connection.inTransaction) return tx.immediate();
  const signal = existingLockSignal(connection.name);
  const leave = signal ? enterWaiting(signal) : undefined;
  try {
    return tx.immediate();
  } finally {
    leave?.();
  }
}

/**
 * For reads spread over many statements (a generator paging through the project): a snapshot,
 * i.e. a deferred transaction that only reads, unless one is already open. Returns whether it
 * began one, for endSnapshot. (A transaction function cannot wrap a generator's steps.)
 */
export function beginSnapshot(db: ReadDb): boolean {
  if (db.inTransaction) return false;
  (db as unknown as Database.Database).exec('BEGIN');
  return true;
}

export function endSnapshot(db: ReadDb, began: boolean): void {
  if (began && db.inTransaction) (db as unknown as Database.Database).exec('COMMIT');
}
