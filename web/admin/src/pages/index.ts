/**
 * The console's pages: one entry per page, in navigation order. A page is a component in its own file
 * under pages/, taking its route parameters as props.
 */
import type { ComponentType } from 'react';
import { match } from '../router.js';
import { text } from '../text.js';
import { Audit } from './Audit.js';
import { Dashboard } from './Dashboard.js';
import { DataMap } from './DataMap.js';
import { Logs } from './Logs.js';
import { Processors } from './Processors.js';
import { RequestDetail } from './RequestDetail.js';
import { Requests } from './Requests.js';
import { Retention } from './Retention.js';
import { SubjectDetail } from './SubjectDetail.js';
import { Subjects } from './Subjects.js';
import { VersionDiff, Versions } from './Versions.js';

export interface PageEntry {
  readonly path: string;
  readonly title: string;
  /** Shown in the navigation (detail pages are not). */
  readonly nav: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: each page declares its own route parameters
  readonly component: ComponentType<any>;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', title: text.nav.dashboard, nav: true, component: Dashboard },
  { path: '/subjects', title: text.nav.subjects, nav: true, component: Subjects },
  { path: '/subjects/:id', title: text.nav.subjects, nav: false, component: SubjectDetail },
  { path: '/requests', title: text.nav.requests, nav: true, component: Requests },
  { path: '/requests/:id', title: text.nav.requests, nav: false, component: RequestDetail },
  { path: '/data-map', title: text.nav.dataMap, nav: true, component: DataMap },
  { path: '/processors', title: text.nav.processors, nav: true, component: Processors },
  { path: '/versions', title: text.nav.versions, nav: true, component: Versions },
  { path: '/versions/:id', title: text.nav.versions, nav: false, component: VersionDiff },
  { path: '/retention', title: text.nav.retention, nav: true, component: Retention },
  { path: '/logs', title: text.nav.logs, nav: true, component: Logs },
  { path: '/audit', title: text.nav.audit, nav: true, component: Audit },
];

export function resolvePage(path: string): (PageEntry & { params: Record<string, string> }) | undefined {
  for (const page of PAGES) {
    const params = match(page.path, path);
    if (params) return { ...page, params };
  }
  return undefined;
}
