import { listCountWhere, listFindArgs, type Decimal, type ListWindow, type Page } from '@tessera/service-kit';
import { advisoryLock, containsInsensitive } from '@tessera/prisma';
import { Prisma, type Employee } from '../generated/prisma/client.js';
import type { EmployeeStatus } from '../generated/graphql.js';
import type { HrTx } from '../db.js';

export interface EmployeeData {
  name: string;
  email: string;
  jobTitle: string | null;
  departmentId: string | null;
  managerId: string | null;
  salaryAmount: Decimal | null;
  salaryCurrency: string | null;
  hiredAt: Date;
}

export type EmployeeChange = Partial<Omit<EmployeeData, 'hiredAt'>>;

/** Every employee column under its Prisma field name, for raw statements (table alias `e`). */
const EMPLOYEE_COLUMNS = Prisma.raw(
  `e.id, e.tenant_id AS "tenantId", e.name, e.email, e.job_title AS "jobTitle", e.department_id AS "departmentId",
   e.manager_id AS "managerId", e.salary_amount AS "salaryAmount", e.salary_currency AS "salaryCurrency",
   e.hired_at AS "hiredAt", e.terminated_at AS "terminatedAt", e.termination_reason AS "terminationReason",
   e.revision, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`,
);

/** The leave that makes an employee ON_LEAVE on `day`: an APPROVED request covering it. */
function onLeave(day: Date): Prisma.EmployeeWhereInput {
  return { leaveRequests: { some: { status: 'APPROVED', startDate: { lte: day }, endDate: { gte: day } } } };
}

/** The condition of one derived status on `day`. */
function statusCondition(status: EmployeeStatus, day: Date): Prisma.EmployeeWhereInput {
  switch (status) {
    case 'TERMINATED':
      return { terminatedAt: { not: null } };
    case 'ON_LEAVE':
      return { terminatedAt: null, ...onLeave(day) };
    case 'ACTIVE':
      return { terminatedAt: null, NOT: onLeave(day) };
  }
}

/** Employees: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class EmployeeRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: HrTx, ids: string[]): Promise<Employee[]> {
    return tx.employee.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** One page of the tenant's employees, filtered by text, derived status (as of `today`) and department. */
  async page(
    tx: HrTx,
    query: ListWindow & { search: string | null; statuses: EmployeeStatus[] | null; departmentId: string | null; today: Date },
  ): Promise<Page<Employee>> {
    // No status at all matches nothing (Prisma would read an empty OR as no condition).
    if (query.statuses?.length === 0) return { rows: [], totalCount: 0 };
    const where: Prisma.EmployeeWhereInput = { tenantId: this.tenantId };
    const and: Prisma.EmployeeWhereInput[] = [];
    if (query.search) {
      const text = containsInsensitive(query.search);
      and.push({ OR: [{ name: text }, { email: text }, { jobTitle: text }] });
    }
    if (query.statuses) and.push({ OR: query.statuses.map((status) => statusCondition(status, query.today)) });
    if (query.departmentId) where.departmentId = query.departmentId;
    if (and.length > 0) where.AND = and;
    const rows = await tx.employee.findMany(listFindArgs(where, query));
    const totalCount = await tx.employee.count({ where: listCountWhere(where, query) });
    return { rows, totalCount };
  }

  /** The first `limit` non-terminated direct reports of each manager, oldest first, in ONE statement. */
  listReportsByManagerIds(tx: HrTx, managerIds: string[], limit: number): Promise<Employee[]> {
    return this.firstOfEach(tx, 'manager_id', managerIds, limit);
  }

  /** The first `limit` non-terminated members of each department, oldest first, in ONE statement. */
  listMembersByDepartmentIds(tx: HrTx, departmentIds: string[], limit: number): Promise<Employee[]> {
    return this.firstOfEach(tx, 'department_id', departmentIds, limit);
  }

  /** A LATERAL join per parent using the (tenant_id, <parent>, id) index. */
  private firstOfEach(tx: HrTx, parentColumn: 'manager_id' | 'department_id', parentIds: string[], limit: number): Promise<Employee[]> {
    if (parentIds.length === 0 || limit === 0) return Promise.resolve([]);
    const parent = Prisma.raw(parentColumn);
    return tx.$queryRaw<Employee[]>`
        SELECT ${EMPLOYEE_COLUMNS}
        FROM unnest(${parentIds}::uuid[]) AS wanted(parent_id)
        CROSS JOIN LATERAL (
          SELECT * FROM employees
          WHERE tenant_id = ${this.tenantId}::uuid AND ${parent} = wanted.parent_id AND terminated_at IS NULL
          ORDER BY id
          LIMIT ${limit}
        ) AS e`;
  }

  /**
   * Locks an employee of the tenant for the rest of the transaction and returns it (null when there
   * is none): `update` while it changes or is terminated, `share` while it becomes someone's
   * manager or a department's head, so it cannot be terminated meanwhile.
   */
  async lock(tx: HrTx, id: string, mode: 'share' | 'update'): Promise<Employee | null> {
    const rows =
      mode === 'share'
        ? await tx.$queryRaw<Employee[]>`
            SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.tenant_id = ${this.tenantId}::uuid AND e.id = ${id}::uuid FOR SHARE`
        : await tx.$queryRaw<Employee[]>`
            SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.tenant_id = ${this.tenantId}::uuid AND e.id = ${id}::uuid FOR UPDATE`;
    return rows[0] ?? null;
  }

  /**
   * Serialises changes of reporting lines within the tenant for the rest of the transaction, so two
   * concurrent changes cannot each pass the cycle check and together close a loop. Take it before
   * locking any employee row.
   */
  lockReportingLines(tx: HrTx): Promise<void> {
    return advisoryLock(tx, `hr.reporting-lines:${this.tenantId}`);
  }

  /** The manager chain above and including `managerId`, nearest first (bounded: the data never loops). */
  async managerChain(tx: HrTx, managerId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE chain(id, manager_id, depth) AS (
        SELECT id, manager_id, 1 FROM employees WHERE tenant_id = ${this.tenantId}::uuid AND id = ${managerId}::uuid
        UNION ALL
        SELECT e.id, e.manager_id, chain.depth + 1
        FROM chain JOIN employees e ON e.tenant_id = ${this.tenantId}::uuid AND e.id = chain.manager_id
        WHERE chain.depth < 10000
      )
      SELECT id::text AS id FROM chain ORDER BY depth`;
    return rows.map((row) => row.id);
  }

  /** Whether another employee of the tenant has this (lower-case) email. */
  async emailTaken(tx: HrTx, email: string, exceptId: string): Promise<boolean> {
    const other = await tx.employee.findFirst({ where: { tenantId: this.tenantId, email, id: { not: exceptId } }, select: { id: true } });
    return other !== null;
  }

  /**
   * Inserts an employee unless one with the same email exists (INSERT ... ON CONFLICT DO NOTHING:
   * waits for a concurrent insert of the same email instead of failing). Null when taken.
   */
  async insertIfEmailFree(tx: HrTx, data: EmployeeData): Promise<Employee | null> {
    const [created] = await tx.employee.createManyAndReturn({
      data: [{ ...data, salaryAmount: data.salaryAmount?.toFixed() ?? null, tenantId: this.tenantId }],
      skipDuplicates: true,
    });
    return created ?? null;
  }

  /**
   * Changes a non-terminated employee and increments its revision in the same UPDATE (the change
   * records hr.employee.updated); null when there is none with that id in the tenant.
   */
  async update(tx: HrTx, id: string, change: EmployeeChange): Promise<Employee | null> {
    const { salaryAmount, ...rest } = change;
    const [updated] = await tx.employee.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, terminatedAt: null },
      data: {
        ...rest,
        ...(salaryAmount !== undefined ? { salaryAmount: salaryAmount?.toFixed() ?? null } : {}),
        revision: { increment: 1 },
      },
    });
    return updated ?? null;
  }

  /**
   * Terminates a non-terminated employee (a conditional UPDATE that also increments its revision: the
   * change records hr.employee.terminated); null when there is none such.
   */
  async terminate(tx: HrTx, id: string, terminatedAt: Date, reason: string | null): Promise<Employee | null> {
    const [updated] = await tx.employee.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, terminatedAt: null },
      data: { terminatedAt, terminationReason: reason, revision: { increment: 1 } },
    });
    return updated ?? null;
  }
}
