import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceReferences,
  countSql,
  mutate,
  newCaller,
  query,
  resolveEntities,
  type SqlCounter,
} from '../../../packages/testkit/src/index.js';
import { createVehicle, ERRORS, logFuel, startFleet, type RunningFleet, type Refusal } from './harness.js';

/** What one request costs in SQL: with DataLoader, a plan step is one statement however many parents it has. */
let fleet: RunningFleet;
let sql: SqlCounter;
const caller = newCaller();
const vehicleIds: string[] = [];
const employeeIds: string[] = [];

beforeAll(async () => {
  fleet = await startFleet({ logQueries: true });
  sql = countSql(fleet.db);
  for (let i = 0; i < 30; i += 1) {
    const vehicle = await createVehicle(fleet.url, caller, { odometer: 0 });
    vehicleIds.push(vehicle.id);
    const employeeId = randomUUID();
    employeeIds.push(employeeId);
    await announceReferences(fleet.url, caller.tenantId, { employee: [employeeId] });
    await mutate<Refusal>(fleet.url, caller, 'assignDriver', ERRORS, { vehicleId: vehicle.id, employeeId });
    await mutate<Refusal>(fleet.url, caller, 'setServiceReminder', ERRORS, { vehicleId: vehicle.id, kind: 'oil', everyDistance: 100 + i });
    await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 10 });
  }
});
afterAll(async () => {
  await fleet.stop();
});

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; data: number }> {
  sql.reset();
  const result = await work();
  return { result, data: sql.data };
}

describe('DataLoader batching', () => {
  it('30 Vehicle references: 1 data statement', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        fleet.url,
        caller,
        vehicleIds.map((id) => ({ __typename: 'Vehicle', id })),
        '... on Vehicle { id plate odometer }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((v: any) => v.id)).toEqual(vehicleIds);
    expect(data).toBe(1);
  });

  it('30 Employee references with their assigned vehicles: 1 data statement', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        fleet.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { id assignedVehicles { id plate } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e: any) => e.assignedVehicles[0].id)).toEqual(vehicleIds);
    expect(data).toBe(1);
  });

  it('a page of 30 vehicles with drivers, reminders, next service and total cost: one statement per plan step', async () => {
    const { result, data } = await measured(() =>
      query<{ vehicles: { edges: { node: unknown }[] } }>(
        fleet.url,
        caller,
        `{ vehicles(first: 30) { edges { node { id drivers { id } serviceReminders { kind remainingDistance } nextService { kind } totalCost { amount } } } } }`,
      ),
    );
    const nodes = result.vehicles.edges.map((e) => e.node);
    expect(nodes).toHaveLength(30);
    expect(nodes[0]).toMatchObject({ drivers: [{ id: employeeIds[0] }], nextService: { kind: 'OIL' }, totalCost: { amount: '80.00' } });
    // the page and its count, then one each for assignments, reminders and costs (listed vehicles are primed for references)
    expect(data).toBe(5);
  });
});
