import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/layout.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { CatalogPage } from './pages/catalog-page.tsx';
import { ChangePage } from './pages/change-page.tsx';
import { ChangesPage } from './pages/changes-page.tsx';
import { DeploymentsPage } from './pages/deployments-page.tsx';
import { EditorPage } from './pages/editor-page.tsx';
import { EvaluationsPage } from './pages/evaluations-page.tsx';
import { GuidesPage } from './pages/guides-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MonitoringPage } from './pages/monitoring-page.tsx';
import { PromptPage } from './pages/prompt-page.tsx';
import { useSession } from './session.tsx';

/**
 * The routes. Artifact names contain slashes, so artifact pages take the rest of the path (`*`):
 * `/prompts/support/classify-intent`, `/edit/prompt/support/classify-intent`.
 * `/evaluations/NAME` and `/monitoring/NAME` likewise take a prompt's name as the rest of the path;
 * `/guides/FILE#section` is a guide for domain users (docs/guides/).
 */
export function App() {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null && location.pathname !== '/login') {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<Layout />}>
        <Route index element={<CatalogPage />} />
        <Route path="prompts/*" element={<PromptPage kind="prompt" />} />
        <Route path="fragments/*" element={<PromptPage kind="fragment" />} />
        <Route path="example-banks/*" element={<PromptPage kind="example-bank" />} />
        <Route path="edit/:kind/*" element={<EditorPage />} />
        <Route path="changes" element={<ChangesPage />} />
        <Route path="changes/:id" element={<ChangePage />} />
        <Route path="deployments/:kind/*" element={<DeploymentsPage />} />
        <Route path="evaluations/*" element={<EvaluationsPage />} />
        <Route path="monitoring/*" element={<MonitoringPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="guides/*" element={<GuidesPage />} />
        <Route path="*" element={<p className="empty">No such page.</p>} />
      </Route>
    </Routes>
  );
}
