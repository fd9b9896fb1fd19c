/** ISO-8601 UTC timestamp; one helper so that tests and merges agree on the format. */
export function now(): string {
  return new Date().toISOString();
}
