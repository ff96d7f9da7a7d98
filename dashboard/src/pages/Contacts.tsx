import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ContactsDocument, CreateContactDocument } from '../generated/graphql';
import { Empty, Field, PageHeader, Pager, Panel, Pending } from '../components/ui';
import { formErrors } from '../lib/errors';
import { useCursorPages, useDebounced } from '../lib/hooks';

const PAGE_SIZE = 20;

function NewContact({ onCreated }: { onCreated: (id: string) => void }) {
  const [{ fetching }, create] = useMutation(CreateContactDocument);
  const [form, setForm] = useState({ name: '', email: '', phone: '', companyName: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      name: form.name.trim(),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.companyName.trim() ? { companyName: form.companyName.trim() } : {}),
    };
    if (!input.name) {
      setErrors({ name: 'A name is required.' });
      return;
    }
    const result = await create({ input });
    const payload = result.data?.createContact;
    if (payload?.contact) {
      setForm({ name: '', email: '', phone: '', companyName: '' });
      setErrors({});
      onCreated(payload.contact.id);
      return;
    }
    setErrors(formErrors(payload?.userErrors, result.error, 'The contact could not be created.'));
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New contact">
      {errors[''] ? (
        <p className="notice notice-error" role="alert">
          {errors['']}
        </p>
      ) : null}
      <div className="form-row">
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} required value={form.name} onChange={set('name')} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} type="email" value={form.email} onChange={set('email')} />}
        </Field>
        <Field label="Phone" error={errors.phone}>
          {(props) => <input {...props} type="tel" value={form.phone} onChange={set('phone')} />}
        </Field>
        <Field label="Company" error={errors.companyName}>
          {(props) => <input {...props} value={form.companyName} onChange={set('companyName')} />}
        </Field>
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={fetching}>
          {fetching ? 'Adding…' : 'Add contact'}
        </button>
      </div>
    </form>
  );
}

export default function ContactsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const query = useDebounced(search.trim());
  const pages = useCursorPages(query);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ContactsDocument,
    variables: { first: PAGE_SIZE, after: pages.after, search: query || null },
  });
  const connection = data?.contacts;

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Customers and the people you work with."
        actions={
          <button type="button" className="btn btn-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            {adding ? 'Close' : 'New contact'}
          </button>
        }
      />
      {adding ? (
        <Panel title="New contact">
          <NewContact
            onCreated={(id) => {
              setAdding(false);
              navigate(`/contacts/${id}`);
            }}
          />
        </Panel>
      ) : null}
      <Panel title={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'contact' : 'contacts'}` : 'Contacts'}>
        <div className="toolbar">
          <Field label="Search contacts">
            {(props) => (
              <input
                {...props}
                type="search"
                placeholder="Name, email or company"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            )}
          </Field>
        </div>
        {!connection ? (
          <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : connection.edges.length === 0 ? (
          query ? (
            <Empty title={`No contacts match “${query}”`}>Try another name, email or company.</Empty>
          ) : (
            <Empty title="No contacts yet">Add your first customer with “New contact”.</Empty>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Contacts">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Company</th>
                    <th scope="col">Email</th>
                    <th scope="col">Phone</th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>
                        <Link to={`/contacts/${node.id}`}>{node.name}</Link>
                      </td>
                      <td>{node.company?.name ?? '—'}</td>
                      <td>{node.email ?? '—'}</td>
                      <td>{node.phone ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Contacts pages" pages={pages} pageInfo={connection.pageInfo}>
              Page {pages.page}
            </Pager>
          </>
        )}
      </Panel>
    </>
  );
}
