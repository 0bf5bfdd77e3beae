/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Sandbox, kubeFetch } from '@platform-portal/platform-sandbox';
import {
  KubeResponse,
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeForSuite,
} from '../__testUtils__/realKubeApiServer';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(180_000);

/*
 * The same requests against a sandbox cluster and a real kube-apiserver:
 * status code, Content-Type and the shape of the answer must match, unless
 * the difference stands with its reason in the sandbox's allow-list.
 */

interface Step {
  id: string;
  method: string;
  /** Path under the cluster's API URL; `{continue}` takes the previous list's token. */
  path: string;
  body?: unknown;
  /** Sent as is, for bodies that are not JSON. */
  rawBody?: string | Buffer;
  contentType?: string;
  /** As the portal's reader (ServiceAccount backstage/portal-reader) instead of an admin. */
  asReader?: boolean;
  /** As a team's deployer ServiceAccount: all rights in its namespace, no impersonation. */
  asTeam?: boolean;
  accept?: string;
  headers?: Record<string, string>;
  /**
   * A real API server's authorizer learns of RBAC changes through its
   * informers a moment later: this request is repeated until it answers
   * `status` before the next step (the sandbox answers it at once).
   */
  settle?: { request: Step; status: number };
}

const NAMESPACE = 'differential-a';

/** A length-delimited protobuf field (lengths below 128 suffice here). */
function pb(n: number, value: Buffer | string): Buffer {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
}

/**
 * An object as kubectl sends it for built-in kinds: the "k8s\0" envelope
 * around runtime.Unknown { typeMeta, raw }.
 */
function protobufBody(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([pb(1, apiVersion), pb(2, kind)]);
  return Buffer.concat([
    Buffer.from('k8s\0', 'binary'),
    pb(1, typeMeta),
    pb(2, raw),
  ]);
}

/** ObjectMeta { name = 1, labels = 11 (entries key = 1, value = 2) }. */
function protobufMeta(name: string, labels: Record<string, string>): Buffer {
  return Buffer.concat([
    pb(1, name),
    ...Object.entries(labels).map(([k, v]) =>
      pb(11, Buffer.concat([pb(1, k), pb(2, v)])),
    ),
  ]);
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

const PERSON = 'dev-person@example.com';
const PERSON_GROUP = 'differential-team';

/**
 * Requests on behalf of a person: refused to an identity without the
 * `impersonate` right, and decided by the person's own RBAC (through their
 * groups) for the reader, which holds it.
 */
function impersonationSteps(): Step[] {
  const configmaps = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
  const asPerson = { 'Impersonate-User': PERSON };
  const asPersonInGroup = { ...asPerson, 'Impersonate-Group': PERSON_GROUP };
  const review = (verb: string) => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        namespace: NAMESPACE,
        verb,
        resource: 'configmaps',
      },
    },
  });
  const asReader = (
    id: string,
    method: string,
    path: string,
    body?: unknown,
  ) => ({
    id,
    method,
    path,
    body,
    asReader: true,
    headers: asPersonInGroup,
  });
  return [
    {
      id: 'team-impersonates-person',
      method: 'GET',
      path: configmaps,
      asTeam: true,
      headers: asPerson,
    },
    {
      id: 'team-impersonates-group',
      method: 'GET',
      path: configmaps,
      asTeam: true,
      headers: asPersonInGroup,
    },
    {
      id: 'reader-impersonates-person-without-access',
      method: 'GET',
      path: configmaps,
      asReader: true,
      headers: asPerson,
    },
    {
      id: 'create-person-role',
      method: 'POST',
      path: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'differential-configmap-reader' },
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get', 'list'],
          },
        ],
      },
    },
    {
      id: 'create-person-group-binding',
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/rolebindings`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'differential-team-reads' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'differential-configmap-reader',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: PERSON_GROUP,
          },
        ],
      },
      settle: {
        request: asReader('settle-person-group-binding', 'GET', configmaps),
        status: 200,
      },
    },
    asReader('reader-impersonates-person-in-group', 'GET', configmaps),
    {
      // Go keeps a header line whole: a comma does not separate two groups.
      ...asReader(
        'reader-impersonates-person-in-comma-group',
        'GET',
        configmaps,
      ),
      headers: {
        ...asPerson,
        'Impersonate-Group': `other-team, ${PERSON_GROUP}`,
      },
    },
    asReader(
      'reader-impersonates-person-in-group-secrets',
      'GET',
      `/api/v1/namespaces/${NAMESPACE}/secrets`,
    ),
    asReader(
      'reader-impersonates-person-in-group-delete',
      'DELETE',
      `${configmaps}/pb-settings?dryRun=All`,
    ),
    asReader(
      'impersonated-access-review-allowed',
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      review('list'),
    ),
    asReader(
      'impersonated-access-review-denied',
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      review('update'),
    ),
  ];
}

/** A finished Job's status with the given conditions true. */
function jobStatus(conditions: string[]) {
  const at = '2026-01-01T00:00:00Z';
  return {
    startTime: at,
    completionTime: at,
    succeeded: 1,
    conditions: conditions.map(type => ({
      type,
      status: 'True',
      lastTransitionTime: at,
    })),
  };
}

const STEPS: Step[] = [
  { id: 'list-namespaces', method: 'GET', path: '/api/v1/namespaces' },
  {
    id: 'create-namespace',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    },
  },
  {
    id: 'create-namespace-again',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    },
  },
  {
    id: 'get-namespace',
    method: 'GET',
    path: `/api/v1/namespaces/${NAMESPACE}`,
  },
  {
    id: 'get-missing-namespace',
    method: 'GET',
    path: '/api/v1/namespaces/no-such-namespace',
  },
  {
    id: 'create-invalid-name',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'Not_A_Label' },
    },
  },
  {
    id: 'get-missing-deployment',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/no-such-deployment`,
  },
  {
    id: 'list-namespaces-limit-1',
    method: 'GET',
    path: '/api/v1/namespaces?limit=1',
  },
  {
    id: 'list-namespaces-continue',
    method: 'GET',
    path: '/api/v1/namespaces?limit=1&continue={continue}',
  },
  { id: 'unknown-resource', method: 'GET', path: '/api/v1/no-such-resources' },
  { id: 'discovery-core-v1', method: 'GET', path: '/api/v1' },
  { id: 'discovery-apps-v1', method: 'GET', path: '/apis/apps/v1' },
  {
    id: 'list-namespaces-as-table',
    method: 'GET',
    path: '/api/v1/namespaces?limit=1',
    accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  },
  {
    id: 'list-bad-continue',
    method: 'GET',
    path: '/api/v1/namespaces?limit=1&continue=not-a-token',
  },
  {
    id: 'list-bad-label-selector',
    method: 'GET',
    path: '/api/v1/namespaces?labelSelector=a%20b%20c',
  },
  {
    id: 'list-unsupported-field-selector',
    method: 'GET',
    path: '/api/v1/namespaces?fieldSelector=spec.nope%3Dx',
  },
  {
    id: 'create-in-missing-namespace',
    method: 'POST',
    path: '/api/v1/namespaces/no-such-namespace/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
  },
  {
    id: 'create-configmap-dry-run',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps?dryRun=All`,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } },
  },
  {
    id: 'get-dry-run-configmap',
    method: 'GET',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/dry`,
  },
  {
    id: 'create-configmap',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { a: '1' },
    },
  },
  {
    id: 'update-stale-resource-version',
    method: 'PUT',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', resourceVersion: '1' },
      data: { a: '2' },
    },
  },
  {
    id: 'update-name-mismatch',
    method: 'PUT',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'other' },
      data: { a: '2' },
    },
  },
  {
    id: 'merge-patch-configmap',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`,
    body: { data: { b: '2' } },
    contentType: 'application/merge-patch+json',
  },
  {
    id: 'patch-with-plain-json',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`,
    body: { data: { b: '3' } },
  },
  {
    id: 'create-with-text-body',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: { metadata: { name: 'text' } },
    contentType: 'text/plain',
  },
  {
    id: 'create-yaml-body',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    rawBody: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n',
    contentType: 'application/yaml',
  },
  {
    id: 'create-namespace-protobuf',
    method: 'POST',
    path: '/api/v1/namespaces',
    rawBody: protobufBody(
      'v1',
      'Namespace',
      pb(1, protobufMeta('from-protobuf', { team: 'a' })),
    ),
    contentType: PROTOBUF,
  },
  {
    id: 'get-namespace-from-protobuf',
    method: 'GET',
    path: '/api/v1/namespaces/from-protobuf',
  },
  {
    id: 'create-configmap-protobuf',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    rawBody: protobufBody(
      'v1',
      'ConfigMap',
      Buffer.concat([
        pb(1, protobufMeta('pb-settings', {})),
        pb(2, Buffer.concat([pb(1, 'mode'), pb(2, 'strict')])),
      ]),
    ),
    contentType: PROTOBUF,
  },
  {
    // kubectl create deployment sends this; the sandbox decodes too few kinds.
    id: 'create-deployment-protobuf',
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
    rawBody: protobufBody(
      'apps/v1',
      'Deployment',
      Buffer.concat([
        pb(1, protobufMeta('pb-web', { app: 'pb-web' })),
        // spec { selector { matchLabels }, template { metadata, spec { containers } } }
        pb(
          2,
          Buffer.concat([
            pb(2, pb(1, Buffer.concat([pb(1, 'app'), pb(2, 'pb-web')]))),
            pb(
              3,
              Buffer.concat([
                pb(1, protobufMeta('', { app: 'pb-web' })),
                pb(
                  2,
                  pb(2, Buffer.concat([pb(1, 'web'), pb(2, 'nginx:1.27')])),
                ),
              ]),
            ),
          ]),
        ),
      ]),
    ),
    contentType: PROTOBUF,
  },
  {
    id: 'create-malformed-json',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    rawBody: '{"metadata": {"name": ',
  },
  {
    id: 'list-by-label',
    method: 'GET',
    path: '/api/v1/namespaces?labelSelector=team%3Da',
  },
  {
    id: 'list-by-field',
    method: 'GET',
    path: `/api/v1/namespaces?fieldSelector=metadata.name%3D${NAMESPACE}`,
  },
  {
    id: 'json-patch-configmap',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/pb-settings`,
    body: [{ op: 'add', path: '/data/extra', value: 'x' }],
    contentType: 'application/json-patch+json',
  },
  {
    id: 'json-patch-failed-test',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/pb-settings`,
    body: [{ op: 'test', path: '/data/mode', value: 'lenient' }],
    contentType: 'application/json-patch+json',
  },
  {
    id: 'strategic-merge-patch-configmap',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/pb-settings`,
    body: { data: { strategic: 'yes' } },
    contentType: 'application/strategic-merge-patch+json',
  },
  {
    id: 'apply-configmap',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/applied?fieldManager=portal`,
    rawBody: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied' },
      data: { owner: 'portal' },
    }),
    contentType: 'application/apply-patch+yaml',
  },
  {
    id: 'apply-conflict',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/applied?fieldManager=argocd-controller`,
    rawBody: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied' },
      data: { owner: 'argocd' },
    }),
    contentType: 'application/apply-patch+yaml',
  },
  {
    id: 'apply-force',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/applied?fieldManager=argocd-controller&force=true`,
    rawBody: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied' },
      data: { owner: 'argocd' },
    }),
    contentType: 'application/apply-patch+yaml',
  },
  {
    id: 'apply-without-field-manager',
    method: 'PATCH',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/applied`,
    rawBody: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied' },
    }),
    contentType: 'application/apply-patch+yaml',
  },
  {
    id: 'update-missing-configmap',
    method: 'PUT',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/never-created`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'never-created' },
    },
  },
  {
    id: 'create-wrong-kind',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'wrong-kind' },
    },
  },
  {
    id: 'create-wrong-api-version',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: {
      apiVersion: 'v2',
      kind: 'ConfigMap',
      metadata: { name: 'wrong-version' },
    },
  },
  {
    id: 'create-other-namespace-in-body',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'elsewhere', namespace: 'default' },
    },
  },
  {
    id: 'create-without-name',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
  },
  {
    id: 'create-generate-name',
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps`,
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'gen-' },
    },
  },
  {
    id: 'create-deployment',
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    },
  },
  {
    id: 'create-deployment-selector-mismatch',
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'mismatch' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: {
          metadata: { labels: { app: 'b' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    },
  },
  {
    id: 'get-deployment-scale',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web/scale`,
  },
  {
    id: 'patch-deployment-scale',
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web/scale`,
    body: { spec: { replicas: 3 } },
    contentType: 'application/merge-patch+json',
  },
  {
    id: 'create-job',
    method: 'POST',
    path: `/apis/batch/v1/namespaces/${NAMESPACE}/jobs`,
    body: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      // Labels of its own: a Job without any takes its template's on create.
      metadata: { name: 'snapshot', labels: { app: 'snapshot' } },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'snapshot', image: 'busybox:1.37' }],
          },
        },
      },
    },
  },
  {
    // Since Kubernetes 1.31 the Job controller sets SuccessCriteriaMet first.
    id: 'job-status-complete-without-success-criteria',
    method: 'PATCH',
    path: `/apis/batch/v1/namespaces/${NAMESPACE}/jobs/snapshot/status`,
    body: { status: jobStatus(['Complete']) },
    contentType: 'application/merge-patch+json',
  },
  {
    id: 'job-status-complete',
    method: 'PATCH',
    path: `/apis/batch/v1/namespaces/${NAMESPACE}/jobs/snapshot/status`,
    body: { status: jobStatus(['SuccessCriteriaMet', 'Complete']) },
    contentType: 'application/merge-patch+json',
  },
  {
    id: 'job-status-disable-complete',
    method: 'PATCH',
    path: `/apis/batch/v1/namespaces/${NAMESPACE}/jobs/snapshot/status`,
    body: { status: { conditions: [] } },
    contentType: 'application/merge-patch+json',
  },
  {
    id: 'self-subject-access-review',
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'list', resource: 'secrets' } },
    },
    asReader: true,
  },
  {
    id: 'self-subject-rules-review',
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: NAMESPACE },
    },
    asReader: true,
  },
  {
    id: 'reader-impersonates-admin',
    method: 'GET',
    path: '/api/v1/secrets',
    asReader: true,
    headers: { 'Impersonate-User': 'cluster-admin-person' },
  },
  {
    id: 'admin-impersonates-reader',
    method: 'GET',
    path: '/api/v1/secrets',
    headers: {
      'Impersonate-User': 'system:serviceaccount:backstage:portal-reader',
    },
  },
  ...impersonationSteps(),
  { id: 'readyz', method: 'GET', path: '/readyz' },
  {
    id: 'unknown-group',
    method: 'GET',
    path: '/apis/nope.example.com/v1/things',
  },
  {
    id: 'delete-dry-run',
    method: 'DELETE',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/pb-settings?dryRun=All`,
  },
  {
    id: 'delete-missing-configmap',
    method: 'DELETE',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/no-such-configmap`,
  },
  {
    id: 'delete-configmap',
    method: 'DELETE',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`,
  },
  {
    id: 'reader-list-nodes',
    method: 'GET',
    path: '/api/v1/nodes',
    asReader: true,
  },
  {
    id: 'reader-list-secrets',
    method: 'GET',
    path: '/api/v1/secrets',
    asReader: true,
  },
  {
    id: 'reader-get-secret',
    method: 'GET',
    path: `/api/v1/namespaces/${NAMESPACE}/secrets/token`,
    asReader: true,
  },
  {
    id: 'reader-create-namespace',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'by-reader' },
    },
    asReader: true,
  },
  {
    id: 'reader-delete-configmap',
    method: 'DELETE',
    path: `/api/v1/namespaces/${NAMESPACE}/configmaps/from-yaml`,
    asReader: true,
  },
  {
    id: 'delete-namespace-collection',
    method: 'DELETE',
    path: '/api/v1/namespaces?labelSelector=differential%3Dnone',
  },
  {
    id: 'delete-namespace',
    method: 'DELETE',
    path: `/api/v1/namespaces/${NAMESPACE}`,
  },
];

/** Resources whose discovery entries are compared. */
const DISCOVERED = [
  'namespaces',
  'namespaces/status',
  'configmaps',
  'pods',
  'pods/log',
  'pods/status',
  'nodes',
  'secrets',
  'services',
  'deployments',
  'deployments/scale',
  'deployments/status',
  'daemonsets',
  'statefulsets',
  'replicasets',
];

/** A map with its keys in order: Go writes maps sorted, the order carries no meaning. */
function sortedKeys(map: Record<string, string> | undefined) {
  return (
    map &&
    Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)))
  );
}

/** What is compared of one answer: status, media type and the shape, not uids or versions. */
function shapeOf(
  response: KubeResponse & { path: string },
): Record<string, unknown> {
  const body = response.body ?? {};
  const shape: Record<string, unknown> = {
    status: response.status,
    contentType: response.contentType,
    kind: body.kind,
    apiVersion: body.apiVersion,
  };
  if (body.kind === 'APIResourceList') {
    // Only kinds both serve: the sandbox also serves the stack's CRDs.
    for (const resource of body.resources ?? []) {
      if (DISCOVERED.includes(resource.name)) {
        shape[`resources[${resource.name}]`] = {
          kind: resource.kind,
          namespaced: resource.namespaced,
          verbs: [...(resource.verbs ?? [])].sort(),
          shortNames: resource.shortNames,
        };
      }
    }
    shape.groupVersion = body.groupVersion;
    return shape;
  }
  if (body.kind === 'Table') {
    shape.columns = body.columnDefinitions?.map(
      (c: { name: string; type: string }) => `${c.name}:${c.type}`,
    );
    shape['rows.length'] = body.rows?.length;
    shape['rows[0].cells.length'] = body.rows?.[0]?.cells?.length;
    return shape;
  }
  if (body.kind === 'Status') {
    Object.assign(shape, {
      'status.status': body.status,
      'status.reason': body.reason,
      'status.code': body.code,
      'status.message': body.message,
      'details.name': body.details?.name,
      'details.group': body.details?.group,
      'details.kind': body.details?.kind,
      'details.causes': body.details?.causes?.map(
        (c: { reason?: string; field?: string }) => `${c.field}: ${c.reason}`,
      ),
    });
  } else if (Array.isArray(body.items)) {
    Object.assign(shape, {
      'metadata.continue': body.metadata?.continue ? 'present' : 'absent',
      'metadata.resourceVersion': body.metadata?.resourceVersion
        ? 'present'
        : 'absent',
    });
    if (
      /[?&](limit=1\b|labelSelector=team|fieldSelector=metadata)/.test(
        response.path,
      )
    ) {
      shape['items.length'] = body.items.length;
    }
  } else if (body.metadata) {
    Object.assign(shape, {
      // A generated name's random suffix is not compared, only its form.
      'metadata.name': body.metadata.generateName
        ? body.metadata.name.replace(/^(.*?)[a-z0-9]{5}$/, '$1<5 random>')
        : body.metadata.name,
      'metadata.uid': body.metadata.uid ? 'present' : 'absent',
      'metadata.creationTimestamp': body.metadata.creationTimestamp
        ? 'present'
        : 'absent',
      'metadata.labels': sortedKeys(body.metadata.labels),
      'status.allowed': body.status?.allowed,
      data: sortedKeys(body.data),
    });
  }
  return shape;
}

interface Allowed {
  step: string;
  /** A compared field, or `*` for every field of the step. */
  field: string;
  reason: string;
}

function readAllowList(): Allowed[] {
  const dir = dirname(
    require.resolve('@platform-portal/platform-sandbox/package.json'),
  );
  return JSON.parse(
    readFileSync(join(dir, 'differential-allowlist.json'), 'utf8'),
  ).differences;
}

interface Target {
  url: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
    asReader?: boolean,
    accept?: string,
    headers?: Record<string, string>,
    asTeam?: boolean,
  ): Promise<KubeResponse & { path: string }>;
}

/** The token a step runs with: a team's, the read-only reader's, or none (the target's default). */
function stepToken(
  asTeam: boolean | undefined,
  asReader: boolean | undefined,
  tokens: { team: string; reader: string },
): string | undefined {
  if (asTeam) return tokens.team;
  if (asReader) return tokens.reader;
  return undefined;
}

async function runSteps(target: Target) {
  const shapes: Record<string, Record<string, unknown>> = {};
  let continueToken = '';
  for (const step of STEPS) {
    const path = step.path.replace(
      '{continue}',
      encodeURIComponent(continueToken),
    );
    const response = await target.request(
      step.method,
      path,
      step.rawBody ?? step.body,
      step.contentType,
      step.asReader,
      step.accept,
      step.headers,
      step.asTeam,
    );
    if (step.id === 'list-namespaces-limit-1') {
      continueToken = response.body?.metadata?.continue ?? '';
    }
    if (step.settle) await settle(target, step.settle);
    shapes[step.id] = shapeOf(response);
  }
  return shapes;
}

async function settle(target: Target, until: NonNullable<Step['settle']>) {
  const { request, status } = until;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await target.request(
      request.method,
      request.path,
      request.body,
      request.contentType,
      request.asReader,
      request.accept,
      request.headers,
      request.asTeam,
    );
    if (response.status === status) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${request.id} still answered ${response.status}, not ${status}, after 20 s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** The sandbox's reader may impersonate people and groups; so does the real one. */
async function grantReaderImpersonation(kube: RealKubeApiServer) {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  const name = 'platform-portal-impersonator';
  for (const [path, body] of [
    [
      `${rbac}/clusterroles`,
      {
        metadata: { name },
        rules: [
          {
            apiGroups: [''],
            resources: ['users', 'groups'],
            verbs: ['impersonate'],
          },
        ],
      },
    ],
    [
      `${rbac}/clusterrolebindings`,
      {
        metadata: { name },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name,
        },
        subjects: [
          {
            kind: 'ServiceAccount',
            name: 'portal-reader',
            namespace: 'backstage',
          },
        ],
      },
    ],
  ] as const) {
    const response = await kube.request('POST', path, body);
    expect([201, 409]).toContain(response.status);
  }
}

/**
 * A team's deployer ServiceAccount of the sandbox made again in the real
 * cluster (same namespace and name, so the same username), with a token.
 */
async function mirrorTeamDeployer(kube: RealKubeApiServer, sandbox: Sandbox) {
  const cluster = sandbox.clusters[0].name;
  const tokens = sandbox.credentials.kubernetes[cluster];
  const list = await kubeFetch(
    sandbox,
    cluster,
    `/api/v1/serviceaccounts?labelSelector=team`,
    {
      headers: { Authorization: `Bearer ${tokens.admin}` },
      signal: AbortSignal.timeout(15_000),
    },
  ).then(r => r.json());
  const account = list.items.find(
    (a: any) => tokens.teams[a.metadata.labels.team],
  );
  const { namespace, name } = account.metadata;
  for (const [path, body] of [
    ['/api/v1/namespaces', { metadata: { name: namespace } }],
    [`/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name } }],
  ] as const) {
    const response = await kube.request('POST', path, body);
    expect([201, 409]).toContain(response.status);
  }
  const token = await kube.request(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 3600 },
    },
  );
  expect(token.status).toBe(201);
  return {
    realToken: token.body.status.token as string,
    sandboxToken: tokens.teams[account.metadata.labels.team],
  };
}

const SUITE = 'the sandbox answers as a real kube-apiserver does';
const binaries = realKubeBinariesForSuite(SUITE);

(binaries ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;
  let sandbox: Sandbox;
  let teamIdentity: { realToken: string; sandboxToken: string };

  beforeAll(async () => {
    [kube, sandbox] = await Promise.all([
      realKubeForSuite('differential', binaries!),
      startUpstreamSandbox(),
    ]);
    await grantReaderImpersonation(kube);
    teamIdentity = await mirrorTeamDeployer(kube, sandbox);
  });

  afterAll(async () => {
    await Promise.all([kube?.stop(), sandbox?.stop()]);
  });

  it('differs only where the allow-list says why', async () => {
    const real = await runSteps({
      url: kube.url,
      request: async (
        method,
        path,
        body,
        contentType,
        asReader,
        accept,
        headers,
        asTeam,
      ) => ({
        ...(await kube.request(method, path, body, {
          contentType,
          token: stepToken(asTeam, asReader, {
            team: teamIdentity.realToken,
            reader: kube.readerToken,
          }),
          accept,
          headers,
        })),
        path,
      }),
    });
    const cluster = sandbox.clusters[0].name;
    const base = sandbox.kubernetesUrl(cluster);
    const tokens = sandbox.credentials.kubernetes[cluster];
    const simulated = await runSteps({
      url: base,
      request: async (
        method,
        path,
        body,
        contentType,
        asReader,
        accept,
        headers,
        asTeam,
      ) => {
        const token =
          stepToken(asTeam, asReader, {
            team: teamIdentity.sandboxToken,
            reader: tokens.reader,
          }) ?? tokens.admin;
        const response = await kubeFetch(sandbox, cluster, path, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: accept ?? 'application/json',
            ...(body !== undefined
              ? { 'Content-Type': contentType ?? 'application/json' }
              : {}),
            ...headers,
          },
          ...(body !== undefined
            ? {
                body:
                  typeof body === 'string' || Buffer.isBuffer(body)
                    ? body
                    : JSON.stringify(body),
              }
            : {}),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // compared as text
        }
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          body: parsed as any,
          path,
        };
      },
    });

    if (process.env.DIFFERENTIAL_SHAPES_OUT) {
      writeFileSync(
        process.env.DIFFERENTIAL_SHAPES_OUT,
        JSON.stringify({ real, simulated }, null, 2),
      );
    }
    const allowed = readAllowList();
    const differences: string[] = [];
    const used = new Set<Allowed>();
    for (const step of STEPS) {
      const fields = new Set([
        ...Object.keys(real[step.id]),
        ...Object.keys(simulated[step.id]),
      ]);
      for (const field of fields) {
        const a = JSON.stringify(real[step.id][field]);
        const b = JSON.stringify(simulated[step.id][field]);
        if (a === b) continue;
        const entry = allowed.find(
          e => e.step === step.id && (e.field === field || e.field === '*'),
        );
        if (entry) {
          used.add(entry);
        } else {
          differences.push(`${step.id} ${field}: real ${a}, sandbox ${b}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // An entry that no longer matches a difference hides nothing and goes.
    expect(
      allowed.filter(e => !used.has(e)).map(e => `${e.step} ${e.field}`),
    ).toEqual([]);
    // The table read real answers: a Status for the missing object, a page with a token.
    expect(real['get-missing-namespace']).toMatchObject({
      status: 404,
      'status.reason': 'NotFound',
    });
    expect(real['create-invalid-name']).toMatchObject({
      status: 422,
      'status.reason': 'Invalid',
    });
    expect(real['job-status-complete-without-success-criteria']).toMatchObject({
      status: 422,
      'details.causes': ['status.conditions: FieldValueInvalid'],
    });
    expect(real['list-namespaces-limit-1']).toMatchObject({
      'metadata.continue': 'present',
      'items.length': 1,
    });
  });
});
