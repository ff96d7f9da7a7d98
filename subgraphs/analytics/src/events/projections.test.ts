import { describe, expect, it } from 'vitest';
import { ACTIVITY_EVENT_TYPES, hasActivity } from '../domain/activity.js';
import { SOURCE_MODULES } from './replay.js';
import { analyticsProjections } from './projections.js';

describe('analytics projections', () => {
  it('read each event type once, under a durable name of its own', () => {
    const types = analyticsProjections.map((projection) => projection.type);
    const names = analyticsProjections.map((projection) => projection.name);
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^analytics-[a-z0-9-]+$/);
  });

  it('make an activity item of every event type they read, and read every type that makes one', () => {
    for (const projection of analyticsProjections) expect(hasActivity(projection.type), projection.type).toBe(true);
    expect(analyticsProjections.map((projection) => projection.type).sort()).toEqual([...ACTIVITY_EVENT_TYPES].sort());
  });

  it('rebuild from the stream of every module they read', () => {
    const modules = new Set(analyticsProjections.map((projection) => projection.type.split('.')[0]));
    expect([...SOURCE_MODULES].sort()).toEqual([...modules].sort());
    expect(SOURCE_MODULES).toEqual(
      expect.arrayContaining(['crm', 'invoicing', 'payroll', 'hr', 'projects', 'booking', 'commerce', 'pos', 'fleet']),
    );
  });
});
