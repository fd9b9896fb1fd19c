// Argument parsing on node:util parseArgs (no dependency), with usage errors as a type.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { quietProgress } from './progress';

/** Bad usage: unknown command or option, missing argument. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every command takes, declared here once: parse() adds them to each command's own. */
const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  /** No progress on stderr, the update of a project an older Spanwise wrote included. */
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies Options;

export function parse<O extends Options>(command: string, argv: string[], options: O) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
    const values: Record<string, unknown> = parsed.values;
    quietProgress(values['quiet'] === true);
    return parsed;
  } catch (err) {
    throw new UsageError((err as Error).message, command);
  }
}

/**
 * Parses a command's options with the schema the app's IPC edge uses too, so defaults and
 * limits are the same everywhere. `raw` holds the values as the command line gave them
 * (strings, numbers or lists made from them); a bad one is a usage error that names its flag:
 * `--format must be one of spans, doccano… (got "csv")`.
 */
export function parseOptions<S extends z.ZodType>(
  command: string,
  schema: S,
  raw: Record<string, unknown>,
  given: Record<string, string | boolean | undefined>,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const got = typeof given[key] === 'string' ? given[key] : undefined;
  throw new UsageError(`--${key} ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`, command);
}

/** A flag with a fixed set of values, for commands whose options no app schema describes. */
export function oneOf<T extends string>(
  command: string,
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`, command);
  }
  return value as T;
}
