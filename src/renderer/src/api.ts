// The renderer's only door to the backend: window.api (preload in Electron, a binding in the
// e2e host). Turns error data back into exceptions for the store's async actions.
import type { Api, Input, Method, Output } from '../../shared/contract';
import type { ApiErrorData } from '../../shared/result';

declare global {
  interface Window {
    api: Api;
  }
}

export class ApiError extends Error {
  readonly code: ApiErrorData['code'];
  constructor(
    readonly method: Method,
    data: ApiErrorData,
  ) {
    super(data.message);
    this.code = data.code;
    this.name = 'ApiError';
  }
}

export async function call<M extends Method>(method: M, input?: Input<M>): Promise<Output<M>> {
  const fn = window.api[method] as unknown as (
    input?: Input<M>,
  ) => Promise<{ ok: true; value: Output<M> } | { ok: false; error: ApiErrorData }>;
  const result = await fn(input);
  if (!result.ok) throw new ApiError(method, result.error);
  return result.value;
}
