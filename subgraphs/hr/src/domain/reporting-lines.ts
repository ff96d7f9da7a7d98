/**
 * Reporting lines form a forest: following managers upward from anyone must end, never loop.
 * `chainAbove` is the manager chain of the proposed manager, starting with the proposed manager
 * itself (as the repository reads it); the employee may not appear in it.
 */
export function wouldCreateCycle(employeeId: string, chainAbove: readonly string[]): boolean {
  return chainAbove.includes(employeeId);
}
