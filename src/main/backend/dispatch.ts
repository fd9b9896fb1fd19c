import { z } from 'zod';
import { contract, type Handlers, type Method } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { errorData } from './errors';

function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** "end: must be greater than start; labelId: expected number" — names each bad field. */
function describeZodError(method: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  return `${method}: ${parts.join('; ')}`;
}

/**
 * The single entry point every host uses (Electron ipcMain, the e2e test host, the CLI):
 * validates the method name and parses the input with the contract's schema, then calls the
 * handler. Never throws: every failure becomes { ok: false, error: { code, message } }.
 */
export function dispatch(
  /** The methods served here (the reader's worker serves a few); none while no project is open. */
  handlers: Partial<Handlers> | null,
  method: unknown,
  input: unknown,
  /** The open project's file, named in messages about the file itself (damaged, read-only, full disk). */
  file?: string,
): Result<unknown> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${String(method)}` } };
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: describeZodError(method, parsed.error) } };
  }
  if (!handlers) {
    return { ok: false, error: { code: 'NOT_FOUND', message: 'no project is open' } };
  }
  const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
  if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `${method} is not served here` } };
  try {
    return { ok: true, value: handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: errorData(err, method, file) };
  }
}
