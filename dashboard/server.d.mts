export interface DashboardConfig {
  graphqlUrl: string;
  graphqlWsUrl: string;
}
export function dashboardConfig(apiUrl: string): DashboardConfig;
export function startDashboardServer(options?: {
  port?: number;
  host?: string;
  apiUrl?: string;
  distDir?: string;
}): Promise<{ url: string; port: number; stop(): Promise<void> }>;
