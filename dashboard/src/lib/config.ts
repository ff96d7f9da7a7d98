import { createContext, useContext } from 'react';

/** Where the GraphQL API is: served by the dashboard's server as /config.json, so one build fits any router. */
export interface AppConfig {
  graphqlUrl: string;
  graphqlWsUrl: string;
}

export function defaultConfig(location: Pick<Location, 'protocol' | 'hostname'>): AppConfig {
  const secure = location.protocol === 'https:';
  return {
    graphqlUrl: `${location.protocol}//${location.hostname}:4000/graphql`,
    graphqlWsUrl: `${secure ? 'wss' : 'ws'}://${location.hostname}:4000/graphql`,
  };
}

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (response.ok) {
      const config = (await response.json()) as Partial<AppConfig>;
      if (typeof config.graphqlUrl === 'string' && typeof config.graphqlWsUrl === 'string') {
        return { graphqlUrl: config.graphqlUrl, graphqlWsUrl: config.graphqlWsUrl };
      }
    }
  } catch {
    // `vite dev` has no /config.json: use the router on this host's port 4000.
  }
  return defaultConfig(window.location);
}

/** The run-time configuration, for the parts of the app that talk to the API themselves (the API explorer). */
export const AppConfigContext = createContext<AppConfig | null>(null);

export function useAppConfig(): AppConfig {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error('useAppConfig outside AppConfigContext');
  return config;
}
