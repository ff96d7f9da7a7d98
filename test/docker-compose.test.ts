import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { hasShared, ROOT, SHARED } from './paths.js';

const compose = parseYaml(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      environment?: Record<string, string>;
      healthcheck?: { test?: string[] };
      depends_on?: Record<string, { condition: string }>;
      ports?: string[];
    }
  >;
};
const supergraph = parseYaml(readFileSync(resolve(ROOT, 'schema/supergraph.yaml'), 'utf8')) as { subgraphs: Record<string, unknown> };

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // The spec names draft-07 by an https URL Ajv does not register; Ajv's default dialect is draft-07.
    const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(resolve(ROOT, 'schema/compose-spec.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.runIf(hasShared)('uses the same schema as shared/schemas/compose-spec.json', () => {
    expect(readFileSync(resolve(ROOT, 'schema/compose-spec.json'), 'utf8')).toBe(
      readFileSync(resolve(SHARED, 'schemas/compose-spec.json'), 'utf8'),
    );
  });

  it('runs postgres, nats with JetStream, the migrations, every subgraph and the router', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'nats', 'migrate', 'router', ...Object.keys(supergraph.subgraphs)]),
    );
    expect(compose.services.nats?.command).toContain('-js');
  });

  it('runs each module in a container of its own (the module host with TESSERA_MODULES), and points the router at each', () => {
    expect(existsSync(resolve(ROOT, 'packages/host/src/main.ts'))).toBe(true);
    for (const name of [...Object.keys(supergraph.subgraphs), 'router']) {
      expect(compose.services[name]?.command, name).toEqual(['node', 'packages/host/dist/main.js']);
      expect(compose.services[name]?.environment?.TESSERA_MODULES, name).toBe(name);
    }
    for (const name of Object.keys(supergraph.subgraphs)) {
      expect(compose.services.router?.environment?.[`SUBGRAPH_${name.toUpperCase()}_URL`]).toMatch(
        new RegExp(`^http://${name}:\\d+/graphql$`),
      );
    }
  });

  it('serves the built dashboard next to the router, pointed at the router the browser reaches', () => {
    expect(compose.services.dashboard?.command).toEqual(['node', 'dashboard/server.mjs']);
    expect(existsSync(resolve(ROOT, 'dashboard/server.mjs'))).toBe(true);
    expect(compose.services.dashboard?.environment?.TESSERA_API_URL).toBe('http://localhost:4000/graphql');
    expect(compose.services.dashboard?.environment?.DASHBOARD_HOST).toBe('0.0.0.0');
  });

  it('checks every service with its /ready and starts what depends on it only once it is healthy', () => {
    const platformServices = [...Object.keys(supergraph.subgraphs), 'router'];
    for (const name of platformServices) {
      const service = compose.services[name]!;
      expect(service.healthcheck?.test, name).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs']);
      const port = name === 'router' ? service.environment?.PORT : service.environment?.[`${name.toUpperCase()}_PORT`];
      expect(service.environment?.HEALTHCHECK_URL, name).toBe(`http://127.0.0.1:${port}/ready`);
      expect(service.depends_on?.nats?.condition ?? 'service_healthy', name).toBe('service_healthy');
    }
    for (const name of Object.keys(supergraph.subgraphs))
      expect(compose.services.router?.depends_on?.[name]?.condition).toBe('service_healthy');
    expect(compose.services.nats?.healthcheck?.test).toBeDefined();
    expect(existsSync(resolve(ROOT, 'scripts/healthcheck.mjs'))).toBe(true);
  });

  it('keeps Apollo telemetry off in every service', () => {
    for (const name of [...Object.keys(supergraph.subgraphs), 'router']) {
      expect(compose.services[name]?.environment?.APOLLO_TELEMETRY_DISABLED, name).toBe('true');
    }
  });
});
