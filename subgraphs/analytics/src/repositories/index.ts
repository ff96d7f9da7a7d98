import { ActivityRepository } from './activity-repository.js';
import { CommissionRepository } from './commission-repository.js';
import { MetricRepository } from './metric-repository.js';
import { PipelineRepository } from './pipeline-repository.js';
import { ReceivableRepository } from './receivable-repository.js';

/** Every analytics repository, bound to one tenant. */
export interface AnalyticsRepositories {
  metrics: MetricRepository;
  receivables: ReceivableRepository;
  pipeline: PipelineRepository;
  commissions: CommissionRepository;
  activity: ActivityRepository;
}

export function createRepositories(tenantId: string): AnalyticsRepositories {
  return {
    metrics: new MetricRepository(tenantId),
    receivables: new ReceivableRepository(tenantId),
    pipeline: new PipelineRepository(tenantId),
    commissions: new CommissionRepository(tenantId),
    activity: new ActivityRepository(tenantId),
  };
}
