/**
 * Counts the SQL statements a Prisma client sends (via its query log events), so tests and the
 * benchmark can state what one GraphQL request costs. Transaction control (BEGIN/COMMIT) and the
 * tenant set_config are counted apart from data statements.
 */
export interface SqlCounter {
  data: number;
  control: number;
  reset(): void;
}

export function countSql(client: { $on(event: 'query', cb: (e: { query: string }) => void): void }): SqlCounter {
  const counter: SqlCounter = {
    data: 0,
    control: 0,
    reset() {
      counter.data = 0;
      counter.control = 0;
    },
  };
  client.$on('query', (event) => {
    const sql = event.query.trim().toUpperCase();
    if (sql.startsWith('BEGIN') || sql.startsWith('COMMIT') || sql.startsWith('ROLLBACK') || sql.includes('SET_CONFIG'))
      counter.control += 1;
    else counter.data += 1;
  });
  return counter;
}
