// The reader's worker: each call opens its own connection to the project file, read-only
// (query_only) unless the contract marks the method as a write, runs it through the same
// dispatch as the main thread (input parsed by the contract, errors as the contract's data)
// and closes it. A connection per call: the methods served here take far longer than an open
// (about a millisecond), and between calls the worker holds nothing on the file, so the file
// may be replaced (a restored backup) without a connection of the old one left behind.
import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { contract } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { dispatch } from '../dispatch';
import { openDb } from '../db/open';
import { errorData } from '../errors';
import { offMainHandlers } from './handlers';
import type { ReaderAnswer, ReaderInput, ReaderRequest } from './protocol';

function answer(projectFile: string, request: ReaderRequest): Result<unknown> {
  // Opening would make a new project where the file was: the reader never creates one.
  if (!fs.existsSync(projectFile)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `${projectFile} no longer exists` } };
  }
  let db;
  try {
    db = openDb(projectFile).db;
  } catch (err) {
    // The file cannot be opened (removed, damaged): the call is answered why.
    return { ok: false, error: errorData(err, request.method, projectFile) };
  }
  try {
    if (contract[request.method].thread !== 'write') db.pragma('query_only = ON');
    return dispatch(offMainHandlers(db, projectFile), request.method, request.input, projectFile);
  } finally {
    db.close();
  }
}

export function serveReader(input: ReaderInput['reader'], port: MessagePort): void {
  port.on('message', (request: ReaderRequest) => {
    const reply: ReaderAnswer = { id: request.id, result: answer(input.projectFile, request) };
    port.postMessage(reply);
  });
  const ready: ReaderAnswer = { ready: true };
  port.postMessage(ready);
}
