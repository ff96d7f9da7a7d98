/** @tessera/modules: module manifests, the registry read from them, and the files generated from it. */
export * from './manifest.js';
export * from './references.js';
export * from './registry.js';
export * from './generate.js';
export * from './nats-config.js';
