import { lazy, Suspense, useEffect, useMemo, useRef, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Provider } from 'urql';
import { SessionProvider, useSession } from './auth/session';
import { sessionSubject } from './auth/token';
import { createApiClient } from './lib/client';
import { AppConfigContext, type AppConfig } from './lib/config';
import { Layout } from './components/Layout';
import { RequireModule } from './components/RequireModule';
import { Loading } from './components/ui';
import { WorkspaceProvider } from './workspace';
import { InvitePage, LoginPage, SignUpPage } from './pages/Auth';
import { OverviewPage } from './pages/Overview';
import { SECTIONS, type Section } from './modules';
import { MODULE_PAGES } from './modules.generated';
import type { ModuleKey } from './generated/graphql';

// Module pages load on first visit: the overview's bundle stays small.
const ContactsPage = lazy(() => import('./pages/Contacts'));
const CustomerPage = lazy(() => import('./pages/Customer'));
const DealsPage = lazy(() => import('./pages/Deals'));
const InvoicesPage = lazy(() => import('./pages/Invoices'));
const EmployeesPage = lazy(() => import('./pages/Employees'));
const BookingsPage = lazy(() => import('./pages/Bookings'));
const OrdersPage = lazy(() => import('./pages/Orders'));
const FleetPage = lazy(() => import('./pages/Fleet'));
const ActivityPage = lazy(() => import('./pages/Activity'));
const SettingsPage = lazy(() => import('./pages/Settings'));
// GraphiQL and Monaco: ~1.7 MB gzip, only for those who open the API explorer.
const ApiExplorerPage = lazy(() => import('./pages/ApiExplorer'));

/** The dashboard's own page of each section, by path. */
const PAGES: Record<string, ComponentType> = {
  '/contacts': ContactsPage,
  '/deals': DealsPage,
  '/invoices': InvoicesPage,
  '/employees': EmployeesPage,
  '/bookings': BookingsPage,
  '/orders': OrdersPage,
  '/fleet': FleetPage,
  '/activity': ActivityPage,
  '/settings': SettingsPage,
  '/graphiql': ApiExplorerPage,
};

/**
 * Every route of the signed-in app: one per section of the navigation (SECTIONS, from the modules'
 * manifests), with the dashboard's page for it, else the page its module ships, else a placeholder;
 * plus the pages that are not in the navigation.
 */
const ROUTES: { path: string; module: ModuleKey | null; page: ComponentType }[] = [
  ...SECTIONS.filter((section) => section.path !== '/').map((section) => ({
    path: section.path,
    module: section.module,
    page: PAGES[section.path] ?? MODULE_PAGES[section.path] ?? (() => <ModulePlaceholder section={section} />),
  })),
  { path: '/contacts/:id', module: 'CRM', page: CustomerPage },
];

function ModulePlaceholder({ section }: { section: Section }) {
  return (
    <div className="module-disabled">
      <h1>{section.label}</h1>
      <p>{section.about}</p>
    </div>
  );
}

/**
 * One GraphQL client per signed-in user: each request reads the session's current access token, so a
 * refreshed token keeps the cache and the live subscriptions; another user (or none) gets a new client.
 */
function ApiProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { token, currentToken, recover } = useSession();
  const user = token ? sessionSubject(token) : null;
  const api = useMemo(() => createApiClient(config, user ? currentToken : () => null, recover), [config, user, currentToken, recover]);
  useEffect(() => () => api.dispose(), [api]);
  // A renewed token (same user): the socket moves to it; HTTP requests read it anyway.
  const renewedFrom = useRef(token);
  useEffect(() => {
    if (token && renewedFrom.current && token !== renewedFrom.current) api.renewed();
    renewedFrom.current = token;
  }, [api, token]);
  return <Provider value={api.client}>{children}</Provider>;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { token, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <Loading label="Restoring your session…" />;
  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function NotFound() {
  return (
    <div className="module-disabled">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/invite" element={<InvitePage />} />
      <Route
        element={
          <RequireSession>
            <WorkspaceProvider>
              <Layout />
            </WorkspaceProvider>
          </RequireSession>
        }
      >
        <Route index element={<OverviewPage />} />
        {ROUTES.map(({ path, module, page: PageComponent }) => (
          <Route
            key={path}
            path={path.slice(1)}
            element={
              module ? (
                <RequireModule module={module}>
                  <Page>
                    <PageComponent />
                  </Page>
                </RequireModule>
              ) : (
                <Page>
                  <PageComponent />
                </Page>
              )
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({ config }: { config: AppConfig }) {
  return (
    <AppConfigContext.Provider value={config}>
      <SessionProvider>
        <ApiProvider config={config}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ApiProvider>
      </SessionProvider>
    </AppConfigContext.Provider>
  );
}
