import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../generated/graphql.js';

/**
 * The subgraph only declares subscriptions; the router serves them over graphql-ws, running the query
 * behind each (`dashboard`, `activityItem`) when an analytics event arrives.
 */
function servedByTheRouter(field: string, query: string) {
  return (): never => {
    throw new GraphQLError(
      `${field} is served by the router over graphql-ws (it runs \`${query}\` when an event arrives); the analytics subgraph does not execute subscriptions`,
      { extensions: { code: 'BAD_REQUEST' } },
    );
  };
}

const dashboardUpdated = servedByTheRouter('dashboardUpdated', 'dashboard');
const activityRecorded = servedByTheRouter('activityRecorded', 'activityItem');

export const Subscription: SubscriptionResolvers = {
  dashboardUpdated: { subscribe: dashboardUpdated, resolve: dashboardUpdated },
  activityRecorded: { subscribe: activityRecorded, resolve: activityRecorded },
};
