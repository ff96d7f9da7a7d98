import { type Connection, errorsOf, isUuid, listPage, pageWindow, searchText, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Department, Employee } from '../generated/prisma/client.js';
import type { CreateDepartmentInput, QueryDepartmentsArgs, UpdateDepartmentInput } from '../generated/graphql.js';
import type { HrTx } from '../db.js';
import type { HrLoaders } from '../loaders.js';
import type { DepartmentData } from '../repositories/department-repository.js';
import type { Repositories } from '../repositories/index.js';
import { checkName, departmentNameKey } from '../domain/employee-fields.js';
import { isUniqueViolation } from '@tessera/prisma';
import { departmentNameTaken, departmentNotFound, employeeNotFound, employeeTerminated } from '../errors.js';

export interface DepartmentPayload {
  department: Department | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): DepartmentPayload => ({ department: null, userErrors });

/** Departments of the caller's tenant: names unique ignoring case, an optional head, their members. */
export class DepartmentService {
  constructor(
    private readonly scope: TenantScope<HrTx>,
    private readonly repositories: Repositories,
    private readonly loaders: HrLoaders,
  ) {}

  get(id: string): Promise<Department | null> {
    return this.loaders.departmentById.load(id);
  }

  list(args: QueryDepartmentsArgs): Promise<Connection<Department>> {
    const search = searchText(args.filter?.search);
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.departments.page(tx, { ...window, search })));
  }

  /** A department's first non-terminated members (0 to 100, the same bound as connections). */
  membersOf(departmentId: string, first: number | null | undefined): Promise<Employee[]> {
    const { take } = pageWindow({ first });
    return this.loaders.membersByDepartmentId(take).load(departmentId);
  }

  async create(input: CreateDepartmentInput): Promise<DepartmentPayload> {
    const name = checkName(input.name, ['input', 'name'], 'Department name');
    const headId = input.headId ?? null;
    const errors = errorsOf(name);
    if (headId !== null && !isUuid(headId)) errors.push(employeeNotFound(['input', 'headId']));
    if (errors.length > 0 || !name.ok) return refused(...errors);
    const result = await this.scope.run(async (tx): Promise<DepartmentPayload> => {
      const refusal = headId === null ? null : await this.checkHead(tx, headId);
      if (refusal) return refused(refusal);
      const department = await this.repositories.departments.insertIfNameFree(tx, {
        name: name.value,
        normalizedName: departmentNameKey(name.value),
        headId,
      });
      return department ? { department, userErrors: [] } : refused(departmentNameTaken(name.value));
    });
    return this.remember(result);
  }

  /** Renames a department and/or changes its head (null removes it). */
  async update(input: UpdateDepartmentInput): Promise<DepartmentPayload> {
    const name = input.name == null ? undefined : checkName(input.name, ['input', 'name'], 'Department name');
    const headId = input.headId;
    const errors = [...(isUuid(input.departmentId) ? [] : [departmentNotFound()]), ...errorsOf(name)];
    if (typeof headId === 'string' && !isUuid(headId)) errors.push(employeeNotFound(['input', 'headId']));
    if (errors.length > 0 || name?.ok === false) return refused(...errors);
    const normalizedName = name ? departmentNameKey(name.value) : undefined;
    try {
      const result = await this.scope.run(async (tx): Promise<DepartmentPayload> => {
        const current = await this.repositories.departments.findById(tx, input.departmentId);
        if (!current) return refused(departmentNotFound());
        const change: Partial<DepartmentData> = {};
        if (name && normalizedName !== undefined && name.value !== current.name) {
          if (await this.repositories.departments.nameTaken(tx, normalizedName, current.id))
            return refused(departmentNameTaken(name.value));
          Object.assign(change, { name: name.value, normalizedName });
        }
        if (headId !== undefined && headId !== current.headId) {
          const refusal = headId === null ? null : await this.checkHead(tx, headId);
          if (refusal) return refused(refusal);
          change.headId = headId;
        }
        if (Object.keys(change).length === 0) return { department: current, userErrors: [] };
        const department = await this.repositories.departments.update(tx, current.id, change);
        return department ? { department, userErrors: [] } : refused(departmentNotFound());
      });
      return this.remember(result);
    } catch (error) {
      // A concurrent transaction took the name between the check and the update.
      if (name?.ok && isUniqueViolation(error)) return refused(departmentNameTaken(name.value));
      throw error;
    }
  }

  /** Why the employee cannot lead a department (unknown or terminated), or null; locks them (share) meanwhile. */
  private async checkHead(tx: HrTx, headId: string): Promise<UserError | null> {
    const head = await this.repositories.employees.lock(tx, headId, 'share');
    if (!head) return employeeNotFound(['input', 'headId']);
    if (head.terminatedAt !== null) return employeeTerminated(['input', 'headId'], 'A terminated employee cannot lead a department');
    return null;
  }

  private remember(result: DepartmentPayload): DepartmentPayload {
    if (result.department) this.loaders.departmentById.clear(result.department.id).prime(result.department.id, result.department);
    return result;
  }
}
