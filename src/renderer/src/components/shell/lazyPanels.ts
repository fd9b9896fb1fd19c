// Panels most people never open, or open long after the window first paints (review mode,
// agreement, settings, backups, work packs): their code is a chunk of its own, loaded when
// first shown, so the window does not parse it before its first article. Once that article is
// painted they are fetched in the background, so opening one later waits for no load. Search
// and the every-occurrence preview are not among them: they are opened by a key and typed into
// at once, and a keystroke that came before their chunk would be lost. (Measured in
// docs/performance.md, "Start-up".)
import { lazy, type ComponentType } from 'react';

const loaders = {
  review: () => import('../review/ReviewView'),
  queue: () => import('../review/ReviewQueuePane'),
  cluster: () => import('../review/ClusterPanel'),
  agreement: () => import('../review/agreement/AgreementSheet'),
  settings: () => import('../settings/SettingsPanel'),
  shortcuts: () => import('./ShortcutsSheet'),
  backups: () => import('../backups/BackupsDialog'),
  workPacks: () => import('../packs/WorkPacksSheet'),
  assign: () => import('../packs/AssignSheet'),
  inbox: () => import('../packs/InboxSheet'),
};

function panel<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType {
  return lazy(() => load().then((m) => ({ default: pick(m) })));
}

export const ReviewView = panel(loaders.review, (m) => m.ReviewView);
export const ReviewQueuePane = panel(loaders.queue, (m) => m.ReviewQueuePane);
export const ClusterPanel = panel(loaders.cluster, (m) => m.ClusterPanel);
export const AgreementSheet = panel(loaders.agreement, (m) => m.AgreementSheet);
export const SettingsPanel = panel(loaders.settings, (m) => m.SettingsPanel);
export const ShortcutsSheet = panel(loaders.shortcuts, (m) => m.ShortcutsSheet);
export const BackupsDialog = panel(loaders.backups, (m) => m.BackupsDialog);
export const WorkPacksSheet = panel(loaders.workPacks, (m) => m.WorkPacksSheet);
export const AssignSheet = panel(loaders.assign, (m) => m.AssignSheet);
export const InboxSheet = panel(loaders.inbox, (m) => m.InboxSheet);

let preloaded = false;

/** Fetches every panel's chunk (once), after the first article is painted. */
export function preloadPanels(): void {
  if (preloaded) return;
  preloaded = true;
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}
