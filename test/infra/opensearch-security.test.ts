/** The logic of the OpenSearch security mapping custom resource, with the HTTP calls recorded instead of sent. */
import { securityRoles } from '../../infra/constructs/search-access-mapping';
import { apply, remove } from '../../infra/custom-resources/opensearch-security/handler';

type Call = [method: string, path: string, body?: unknown];

function recorder() {
  const calls: Call[] = [];
  const send = async (method: 'PUT' | 'DELETE', path: string, body?: unknown) => {
    calls.push(body === undefined ? [method, path] : [method, path, body]);
  };
  return { calls, send };
}

const API = '/_plugins/_security/api';

test('create: PUT each role, then its mapping to the IAM roles', async () => {
  const { calls, send } = recorder();
  await apply(send, securityRoles('csdl', ['arn:reader'], ['arn:writer']));
  expect(calls).toEqual([
    [
      'PUT',
      `${API}/roles/csdl_reader`,
      { cluster_permissions: ['cluster_composite_ops_ro'], index_permissions: [{ index_patterns: ['csdl*'], allowed_actions: ['read'] }] },
    ],
    ['PUT', `${API}/rolesmapping/csdl_reader`, { backend_roles: ['arn:reader'] }],
    [
      'PUT',
      `${API}/roles/csdl_writer`,
      {
        cluster_permissions: ['cluster_composite_ops', 'cluster_monitor'],
        index_permissions: [{ index_patterns: ['csdl*'], allowed_actions: ['indices_all'] }],
      },
    ],
    ['PUT', `${API}/rolesmapping/csdl_writer`, { backend_roles: ['arn:writer'] }],
  ]);
});

test('update: a role that is no longer wanted is unmapped and deleted', async () => {
  const { calls, send } = recorder();
  await apply(send, securityRoles('csdl', [], ['arn:writer']), securityRoles('csdl', ['arn:reader'], ['arn:writer']));
  expect(calls.map(([method, path]) => `${method} ${path}`)).toEqual([
    `PUT ${API}/roles/csdl_writer`,
    `PUT ${API}/rolesmapping/csdl_writer`,
    `DELETE ${API}/rolesmapping/csdl_reader`,
    `DELETE ${API}/roles/csdl_reader`,
  ]);
});

test('delete: mappings first, then roles', async () => {
  const { calls, send } = recorder();
  await remove(send, securityRoles('csdl', ['a'], ['b']));
  expect(calls.map(([method, path]) => `${method} ${path}`)).toEqual([
    `DELETE ${API}/rolesmapping/csdl_reader`,
    `DELETE ${API}/roles/csdl_reader`,
    `DELETE ${API}/rolesmapping/csdl_writer`,
    `DELETE ${API}/roles/csdl_writer`,
  ]);
});

test('no readers or writers: no role at all', () => {
  expect(securityRoles('csdl', [], [])).toEqual([]);
});
