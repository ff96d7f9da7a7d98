import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { ActivityItem } from './ActivityItem.js';
import { Dashboard } from './Dashboard.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';

export const resolvers: Resolvers = { ...scalarResolvers, Query, Subscription, Dashboard, ActivityItem };
