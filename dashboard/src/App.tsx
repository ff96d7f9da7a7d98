import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Provider } from 'urql';
import { SessionProvider, useSession } from './auth/session';
import { createApiClient } from './lib/client';
import { AppConfigContext, type AppConfig } from './lib/config';
import { Layout } from './components/Layout';
import { RequireModule } from './components/RequireModule';
import { Loading } from './components/ui';
import { WorkspaceProvider } from './workspace';
import { LoginPage, SignUpPage } from './pages/Auth';
import { OverviewPage } from './pages/Overview';

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

/** One GraphQL client per session: a new token means new credentials on both transports. */
function ApiProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { token, signOut } = useSession();
  const api = useMemo(() => createApiClient(config, token, () => signOut('expired')), [config, token, signOut]);
  useEffect(() => () => api.dispose(), [api]);
  return <Provider value={api.client}>{children}</Provider>;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { token } = useSession();
  const location = useLocation();
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
        <Route
          path="contacts"
          element={
            <RequireModule module="CRM">
              <Page>
                <ContactsPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="contacts/:id"
          element={
            <RequireModule module="CRM">
              <Page>
                <CustomerPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="deals"
          element={
            <RequireModule module="CRM">
              <Page>
                <DealsPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="invoices"
          element={
            <RequireModule module="INVOICING">
              <Page>
                <InvoicesPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="employees"
          element={
            <RequireModule module="HR">
              <Page>
                <EmployeesPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="bookings"
          element={
            <RequireModule module="BOOKING">
              <Page>
                <BookingsPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="orders"
          element={
            <RequireModule module="COMMERCE">
              <Page>
                <OrdersPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="fleet"
          element={
            <RequireModule module="FLEET">
              <Page>
                <FleetPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="activity"
          element={
            <RequireModule module="ANALYTICS">
              <Page>
                <ActivityPage />
              </Page>
            </RequireModule>
          }
        />
        <Route
          path="settings"
          element={
            <Page>
              <SettingsPage />
            </Page>
          }
        />
        <Route
          path="graphiql"
          element={
            <Page>
              <ApiExplorerPage />
            </Page>
          }
        />
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
