// The API explorer: GraphiQL, bundled (no CDN), against the router, as the signed-in user. This module
// is loaded only when /graphiql is opened: GraphiQL and its Monaco editor are most of a megabyte and a
// half (gzip), which the rest of the app must not pay for.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../auth/session';
import { Loading, PageHeader } from '../components/ui';
import { useAppConfig } from '../lib/config';
import { createExplorerTransport, DEFAULT_QUERY, userStorage, type ExplorerTransport } from '../lib/explorer';
import { useWorkspace } from '../workspace';

export default function ApiExplorerPage() {
  const config = useAppConfig();
  const { token, signOut } = useSession();
  const { me } = useWorkspace();
  const [transport, setTransport] = useState<ExplorerTransport | null>(null);
  const storage = useMemo(() => userStorage(me.id), [me.id]);

  // One transport per session (a new token: new credentials on both), closed when the page goes.
  useEffect(() => {
    if (!token) return;
    const next = createExplorerTransport(config, token, () => signOut('expired'));
    setTransport(next);
    return () => {
      setTransport(null);
      next.dispose();
    };
  }, [config, token, signOut]);

  return (
    <div className="api-explorer">
      <PageHeader
        title="API explorer"
        description={`GraphQL against ${config.graphqlUrl}, signed in as ${me.name} in ${me.tenant.name}. What you run here really happens.`}
      />
      <div className="api-explorer-ide" data-testid="api-explorer">
        {transport ? (
          <GraphiQL
            key={me.id}
            fetcher={transport.fetcher}
            storage={storage}
            defaultQuery={DEFAULT_QUERY}
            forcedTheme="light"
            shouldPersistHeaders={false}
          />
        ) : (
          <Loading label="Opening the API explorer…" />
        )}
      </div>
    </div>
  );
}
