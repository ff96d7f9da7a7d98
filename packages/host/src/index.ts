export { startHost, loadModule, servicesFrom, type HostOptions, type RunningHost } from './host.js';
