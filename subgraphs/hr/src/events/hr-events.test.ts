import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from '@tessera/events';
import { Prisma, type Employee } from '../generated/prisma/client.js';
import { employeeHiredData, employeeTerminatedData, employeeUpdatedData } from './hr-events.js';

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
    revision: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('HR event payloads', () => {
  it('describe a hire as its contract expects (dates as days, salary as currency money, revision 1)', () => {
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
      revision: 1,
    });
    expect(() => createEnvelope('hr', { type: 'hr.employee.hired', tenantId: hired.tenantId, subjectId: hired.id, data })).not.toThrow();
  });

  it('describe an update by the whole employee: status, hiring day, revision, a missing salary as null', () => {
    const updated = employee({ salaryAmount: null, salaryCurrency: null, revision: 4 });
    const data = employeeUpdatedData(updated, 'ON_LEAVE');
    expect(data).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      jobTitle: 'Engineer',
      departmentId: null,
      managerId: updated.managerId,
      hiredAt: '2026-03-02',
      salary: null,
      revision: 4,
      status: 'ON_LEAVE',
      terminatedAt: null,
    });
    expect(() =>
      createEnvelope('hr', { type: 'hr.employee.updated', tenantId: updated.tenantId, subjectId: updated.id, data }),
    ).not.toThrow();
  });

  it('describe a termination by the whole employee, its last day and reason, and only of a terminated employee', () => {
    const gone = employee({ terminatedAt: new Date('2026-06-30T00:00:00Z'), terminationReason: 'Moved abroad', revision: 3 });
    const data = employeeTerminatedData(gone);
    expect(data).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      jobTitle: 'Engineer',
      departmentId: null,
      managerId: gone.managerId,
      hiredAt: '2026-03-02',
      salary: { amount: '52000.50', currency: 'EUR' },
      revision: 3,
      terminatedAt: '2026-06-30',
      reason: 'Moved abroad',
    });
    expect(() => createEnvelope('hr', { type: 'hr.employee.terminated', tenantId: gone.tenantId, subjectId: gone.id, data })).not.toThrow();
    expect(() => employeeTerminatedData(employee())).toThrow(/not terminated/);
  });

  it('are refused by their contracts without a positive whole revision or the hiring day', () => {
    const subject = employee();
    const record = (data: unknown) => () =>
      createEnvelope('hr', { type: 'hr.employee.hired', tenantId: subject.tenantId, subjectId: subject.id, data: data as never });
    const { revision: _revision, ...withoutRevision } = employeeHiredData(subject);
    expect(record(withoutRevision)).toThrow(/revision/);
    expect(record({ ...employeeHiredData(subject), revision: 0 })).toThrow(/revision/);
    expect(record({ ...employeeHiredData(subject), revision: 1.5 })).toThrow(/revision/);
    const { hiredAt: _hiredAt, ...withoutHiredAt } = employeeTerminatedData(employee({ terminatedAt: new Date('2026-06-30T00:00:00Z') }));
    expect(() =>
      createEnvelope('hr', {
        type: 'hr.employee.terminated',
        tenantId: subject.tenantId,
        subjectId: subject.id,
        data: withoutHiredAt as never,
      }),
    ).toThrow(/hiredAt/);
  });

  it('an update reports terminatedAt exactly when the status is TERMINATED', () => {
    const subject = employee();
    const updated = (status: 'ACTIVE' | 'TERMINATED', terminatedAt: string | null) => () =>
      createEnvelope('hr', {
        type: 'hr.employee.updated',
        tenantId: subject.tenantId,
        subjectId: subject.id,
        data: { ...employeeUpdatedData(subject, 'ACTIVE'), status, terminatedAt },
      });
    expect(updated('TERMINATED', null)).toThrow(/terminatedAt/);
    expect(updated('ACTIVE', '2026-06-30')).toThrow(/terminatedAt/);
    expect(updated('TERMINATED', '2026-06-30')).not.toThrow();
    expect(employeeUpdatedData(employee({ terminatedAt: new Date('2026-06-30T00:00:00Z') }), 'TERMINATED')).toMatchObject({
      status: 'TERMINATED',
      terminatedAt: '2026-06-30',
    });
  });
});
