import { useQuery } from 'urql';

const ITEMS = `query __Module__Items { __entities__(first: 50) { totalCount edges { node { id name confirmedAt } } } }`;

interface Items {
  __entities__: { totalCount: number; edges: { node: { id: string; name: string; confirmedAt: string | null } }[] };
}

/** The __Title__ section of the dashboard (a first page the module ships; make it its own). */
export default function __Module__Page() {
  const [{ data, fetching, error }] = useQuery<Items>({ query: ITEMS });
  return (
    <section>
      <h1>__Title__</h1>
      {fetching && <p>Loading…</p>}
      {error && <p role="alert">{error.message}</p>}
      {data && (
        <ul>
          {data.__entities__.edges.map(({ node }) => (
            <li key={node.id}>
              {node.name}
              {node.confirmedAt ? ' (confirmed)' : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
