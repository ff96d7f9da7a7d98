import { describe, expect, it } from 'vitest';
import { baseEnvSchema, introspectionEnabled, parseEnv, refuseUnsafeProduction, unsafeProductionSettings } from './env.js';

const strong = 'k9Xq2vL7pR4sT8wZ1mN6bC3dF5gH0jYu';
const safe = {
  NODE_ENV: 'production',
  JWT_SECRET: strong,
  INTERNAL_CONTEXT_SECRET: `${strong}x`,
  DB_APP_PASSWORD: 'Vt3-unguessable-app',
  DB_EVENTS_PASSWORD: 'Vt3-unguessable-events',
  CORS_ORIGINS: 'https://app.example.org',
};
const rules = {
  secrets: ['JWT_SECRET', 'INTERNAL_CONTEXT_SECRET'],
  passwords: ['DB_APP_PASSWORD', 'DB_EVENTS_PASSWORD'],
  cors: true,
  introspection: true,
};

describe('production refuses unsafe defaults', () => {
  it('accepts real settings, and anything outside production', () => {
    expect(unsafeProductionSettings(rules, safe)).toEqual([]);
    expect(unsafeProductionSettings(rules, { NODE_ENV: 'development' })).toEqual([]);
    expect(unsafeProductionSettings(rules, {})).toEqual([]);
  });

  it('names every variable left at a development default or a placeholder, and what to set', () => {
    const problems = unsafeProductionSettings(rules, {
      NODE_ENV: 'production',
      INTERNAL_CONTEXT_SECRET: 'change-me-to-a-long-random-internal-secret',
      DB_APP_PASSWORD: 'tessera_app',
      CORS_ORIGINS: 'https://app.example.org, *',
      INTROSPECTION: 'true',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'JWT_SECRET',
      'INTERNAL_CONTEXT_SECRET',
      'DB_APP_PASSWORD',
      'DB_EVENTS_PASSWORD',
      'CORS_ORIGINS',
      'INTROSPECTION=true in production',
    ]);
    expect(problems[0]).toMatch(/Set a random secret/);
  });

  it('the default CORS (*) and the development secrets count as unset', () => {
    const defaults = parseEnv(baseEnvSchema, { NODE_ENV: 'production' });
    expect(
      unsafeProductionSettings(rules, { NODE_ENV: 'production', INTERNAL_CONTEXT_SECRET: defaults.INTERNAL_CONTEXT_SECRET }),
    ).toContainEqual(expect.stringMatching(/^INTERNAL_CONTEXT_SECRET: looks like a placeholder/));
    expect(unsafeProductionSettings({ cors: true }, { NODE_ENV: 'production' })).toHaveLength(1);
  });

  it('introspection in production only with ALLOW_PRODUCTION_INTROSPECTION=true', () => {
    expect(
      unsafeProductionSettings(
        { introspection: true },
        { NODE_ENV: 'production', INTROSPECTION: 'true', ALLOW_PRODUCTION_INTROSPECTION: 'true' },
      ),
    ).toEqual([]);
    expect(introspectionEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'production', INTROSPECTION: 'true' })).toBe(true);
  });

  it('NATS in production: a password per user the process connects as, or shared credentials, or an explicit opt-out', () => {
    const nats = { natsUsers: ['crm', 'router'] };
    expect(unsafeProductionSettings(nats, { NODE_ENV: 'production' }).map((p) => p.split(':')[0])).toEqual([
      'NATS_PASSWORD_CRM',
      'NATS_PASSWORD_ROUTER',
    ]);
    expect(unsafeProductionSettings(nats, { NODE_ENV: 'production', NATS_PASSWORD_CRM: 'kx', NATS_PASSWORD_ROUTER: 'ky' })).toEqual([]);
    expect(unsafeProductionSettings(nats, { NODE_ENV: 'production', NATS_USER: 'tessera', NATS_PASSWORD: 'kz' })).toEqual([]);
    expect(unsafeProductionSettings(nats, { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED_NATS: 'true' })).toEqual([]);
    expect(unsafeProductionSettings(nats, { NODE_ENV: 'development' })).toEqual([]);
  });

  it('refuses to start, listing every problem at once', () => {
    let message = '';
    const capture = (text: string): never => {
      message = text;
      throw new Error('refused');
    };
    expect(() => refuseUnsafeProduction(rules, { NODE_ENV: 'production' }, capture)).toThrow('refused');
    expect(message).toMatch(/^Refusing to start with unsafe production settings \(NODE_ENV=production\):/);
    expect(message.split('\n')).toHaveLength(6);
    expect(() => refuseUnsafeProduction(rules, safe, capture)).not.toThrow();
  });
});
