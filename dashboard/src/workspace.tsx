import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { MeDocument, type MeQuery, type ModuleKey } from './generated/graphql';
import { applyPalette, paletteFor } from './theme/color';
import { Pending } from './components/ui';

export type Me = MeQuery['me'];

export interface WorkspaceValue {
  me: Me;
  enabled(module: ModuleKey | null): boolean;
  refresh(): void;
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

/** Loads the signed-in user and their tenant (plan, modules, branding) and themes the app with it. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MeDocument, requestPolicy: 'cache-and-network' });
  const me = data?.me;

  useEffect(() => {
    applyPalette(paletteFor(me?.tenant.branding.primaryColor));
    document.title = me ? `${me.tenant.branding.displayName} · Tessera` : 'Tessera';
  }, [me]);

  if (!me) {
    return (
      <main className="center-screen">
        <Pending
          error={error}
          fetching={fetching}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          label="Opening your workspace…"
        />
      </main>
    );
  }
  const value: WorkspaceValue = {
    me,
    enabled: (module) => module === null || me.tenant.enabledModules.includes(module),
    refresh: () => refetch({ requestPolicy: 'network-only' }),
  };
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceValue {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}
