import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from '@tessera/events';
import { Prisma, type Employee } from '../generated/prisma/client.js';
import { employeeHiredData, employeeTerminatedData, employeeUpdatedData } from './employee-events.js';

function employee(overrides: Partial<Employee> = {}): Employee {
  return {
    id: randomUUID(),
    tenantId: randomUUID(),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    jobTitle: 'Engineer',
    departmentId: null,
    managerId: randomUUID(),
    salaryAmount: new Prisma.Decimal('52000.5'),
    salaryCurrency: 'EUR',
    hiredAt: new Date('2026-03-02T00:00:00Z'),
    terminatedAt: null,
    terminationReason: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('HR event payloads', () => {
  it('describe a hire as its contract expects (dates as days, salary as currency money)', () => {
    const hired = employee();
    const data = employeeHiredData(hired);
    expect(data).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      jobTitle: 'Engineer',
      departmentId: null,
      managerId: hired.managerId,
      hiredAt: '2026-03-02',
      salary: { amount: '52000.50', currency: 'EUR' },
    });
    expect(() => createEnvelope('hr', { type: 'hr.employee.hired', tenantId: hired.tenantId, subjectId: hired.id, data })).not.toThrow();
  });

  it('describe an update with the status and a missing salary as null', () => {
    const updated = employee({ salaryAmount: null, salaryCurrency: null });
    const data = employeeUpdatedData(updated, 'ON_LEAVE');
    expect(data).toMatchObject({ status: 'ON_LEAVE', salary: null });
    expect(() =>
      createEnvelope('hr', { type: 'hr.employee.updated', tenantId: updated.tenantId, subjectId: updated.id, data }),
    ).not.toThrow();
  });

  it('describe a termination by its last day and reason, and only of a terminated employee', () => {
    const gone = employee({ terminatedAt: new Date('2026-06-30T00:00:00Z'), terminationReason: 'Moved abroad' });
    expect(employeeTerminatedData(gone)).toEqual({ terminatedAt: '2026-06-30', reason: 'Moved abroad' });
    expect(() => employeeTerminatedData(employee())).toThrow(/not terminated/);
  });
});
