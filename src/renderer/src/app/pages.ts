import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/en';
import { AuditPage } from '../pages/audit/AuditPage';
import { CataloguePage } from '../pages/catalogue/CataloguePage';
import { EvaluationPage } from '../pages/evaluation/EvaluationPage';
import { ExperimentsPage } from '../pages/experiments/ExperimentsPage';
import { ImportPage } from '../pages/import/ImportPage';
import { InspectorPage } from '../pages/inspector/InspectorPage';
import { JobsPage } from '../pages/jobs/JobsPage';
import { LivePage } from '../pages/live/LivePage';
import { PerformancePage } from '../pages/performance/PerformancePage';
import { RulesPage } from '../pages/rules/RulesPage';
import { SearchPage } from '../pages/search/SearchPage';
import { SessionsPage } from '../pages/sessions/SessionsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { TuningPage } from '../pages/tuning/TuningPage';

export interface PageEntry {
  /** Also the URL hash (`#/live`), so a reload or a shared link keeps the page. */
  id: string;
  label: MessageKey;
  component: ComponentType;
}

/** The navigation, as data: a new page is one more row here. */
export const PAGES: readonly PageEntry[] = [
  { id: 'live', label: 'nav.live', component: LivePage },
  { id: 'performance', label: 'nav.performance', component: PerformancePage },
  { id: 'experiments', label: 'nav.experiments', component: ExperimentsPage },
  { id: 'sessions', label: 'nav.sessions', component: SessionsPage },
  { id: 'search', label: 'nav.search', component: SearchPage },
  { id: 'inspector', label: 'nav.inspector', component: InspectorPage },
  { id: 'catalogue', label: 'nav.catalogue', component: CataloguePage },
  { id: 'tuning', label: 'nav.tuning', component: TuningPage },
  { id: 'rules', label: 'nav.rules', component: RulesPage },
  { id: 'import', label: 'nav.import', component: ImportPage },
  { id: 'jobs', label: 'nav.jobs', component: JobsPage },
  { id: 'evaluation', label: 'nav.evaluation', component: EvaluationPage },
  { id: 'audit', label: 'nav.audit', component: AuditPage },
  { id: 'settings', label: 'nav.settings', component: SettingsPage },
];

export const DEFAULT_PAGE_ID = 'live';

export function pageIdFromHash(hash: string, pages: readonly PageEntry[] = PAGES): string {
  const id = hash.replace(/^#\/?/, '');
  return pages.some((p) => p.id === id) ? id : DEFAULT_PAGE_ID;
}
