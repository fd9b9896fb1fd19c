// The members of window.api that are not backend methods: the preload implements them itself
// (onEvent over the event channel, pathForFile through Electron's webUtils). Derived from the
// contract's Api type: adding one there without adding it here fails the type-check, so the
// Chromium host and the bridge tests cannot silently fall behind the preload.
import type { Api, Method } from '../../../src/shared/contract';

export type LocalMember = Exclude<keyof Api, Method>;

export const LOCAL_API_MEMBERS = ['onEvent', 'pathForFile', 'host'] as const satisfies readonly LocalMember[];

type Unlisted = Exclude<LocalMember, (typeof LOCAL_API_MEMBERS)[number]>;
/** Compiles only while LOCAL_API_MEMBERS lists every local member of Api. */
export const LOCAL_API_COMPLETE: [Unlisted] extends [never] ? true : never = true;
