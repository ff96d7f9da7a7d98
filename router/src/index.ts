export { createRouter, type RouterOptions, type RunningRouter } from './router.js';
export { composeSupergraph } from './compose.js';
export { readSupergraphConfig, subgraphUrl, SUPERGRAPH_PATH } from './supergraph-config.js';
export { FieldOwnership } from './entitlements.js';
