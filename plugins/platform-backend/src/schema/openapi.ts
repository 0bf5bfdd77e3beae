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

const verdict = {
  type: 'string',
  enum: ['ok', 'warning', 'critical', 'unknown'],
} as const;

/** A required path parameter; handlers validate its shape and name it in a 400. */
const pathParam = (name: string, description: string) =>
  ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
  } as const);

const clusterParam = pathParam('cluster', 'Cluster name (DNS-1123 label)');

/** `{namespace}/{kind}/{name}` of an `/entity/...` path. */
const entityParams = [
  pathParam('namespace', 'Entity namespace, e.g. default'),
  pathParam('kind', 'Entity kind, e.g. component'),
  pathParam('name', 'Entity name'),
] as const;

/** `{instance}/{app}` of an Argo CD operation, after the entity's own. */
const argocdAppParams = [
  ...entityParams,
  pathParam(
    'instance',
    'The Argo CD instance: the name of the cluster it runs on',
  ),
  pathParam('app', 'Argo CD application name'),
] as const;

/** Sync and rollback answer the application with its operation started. */
const argocdOperation = {
  description: 'The operation started; the application as Argo CD answered.',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          application: { type: 'object' },
          message: { type: 'string' },
        },
        required: ['application', 'message'],
      },
    },
  },
} as const;

/**
 * An entity integration's answer: `configured: false` with the annotations
 * to add, or `configured: true` with the integration's own fields.
 */
const entityIntegration = (description: string) =>
  ({
    description,
    content: {
      'application/json': {
        schema: {
          oneOf: [
            { $ref: '#/components/schemas/EntityNotConfigured' },
            {
              type: 'object',
              properties: { configured: { const: true } },
              required: ['configured'],
            },
          ],
        },
      },
    },
  } as const);

/** Like `entityIntegration`, with the `configured: true` answer's own schema. */
const entityIntegrationOf = <R extends string>(description: string, ref: R) =>
  ({
    description,
    content: {
      'application/json': {
        schema: {
          oneOf: [
            { $ref: '#/components/schemas/EntityNotConfigured' },
            { $ref: ref },
          ],
        },
      },
    },
  } as const);

const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const labels = { type: 'object', additionalProperties: str } as const;

const pipelineSummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ref: str,
    status: str,
    source: str,
    sha: str,
    createdAt: str,
    durationSeconds: { type: 'number' },
    webUrl: str,
    stages: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: str, status: str, jobs: { type: 'integer' } },
        required: ['name', 'status', 'jobs'],
      },
    },
  },
  required: ['id', 'ref', 'status', 'stages'],
} as const;

/** The `configured: true` answers of the entity integrations. */
const entitySchemas = {
  EntityNexus: {
    type: 'object',
    properties: {
      configured: { const: true },
      artifacts: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            format: { type: 'string', enum: ['docker', 'helm'] },
            name: str,
            versions: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  version: str,
                  repository: str,
                  sizeBytes: { type: 'number' },
                  lastModified: str,
                  clusters: strings,
                },
                required: ['version', 'repository', 'clusters'],
              },
            },
          },
          required: ['format', 'name', 'versions'],
        },
      },
      clusterErrors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { cluster: str, message: str },
          required: ['cluster', 'message'],
        },
      },
      hiddenVersions: {
        type: 'integer',
        description:
          "Versions left out: another team's by platform.ownership.nexus, or not readable by the viewer.",
      },
      observedAt: str,
    },
    required: [
      'configured',
      'artifacts',
      'clusterErrors',
      'hiddenVersions',
      'observedAt',
    ],
  },
  EntityGitLab: {
    type: 'object',
    properties: {
      configured: { const: true },
      project: {
        type: 'object',
        properties: { path: str, webUrl: str, defaultBranch: str },
        required: ['path', 'defaultBranch'],
      },
      defaultBranch: { type: 'array', items: pipelineSummary },
      mergeRequests: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            iid: { type: 'integer' },
            title: str,
            sourceBranch: str,
            webUrl: str,
            pipeline: pipelineSummary,
          },
          required: ['iid', 'title', 'sourceBranch'],
        },
      },
      observedAt: str,
    },
    required: [
      'configured',
      'project',
      'defaultBranch',
      'mergeRequests',
      'observedAt',
    ],
  },
  EntityDelivery: {
    type: 'object',
    properties: {
      configured: { const: true },
      project: {
        type: 'object',
        properties: { path: str, webUrl: str, defaultBranch: str },
        required: ['path', 'defaultBranch'],
      },
      changes: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            commit: {
              type: 'object',
              properties: {
                sha: str,
                shortSha: str,
                title: str,
                author: str,
                createdAt: str,
                webUrl: str,
              },
              required: ['sha', 'shortSha', 'title'],
            },
            imageTags: { type: 'array', items: str },
            stages: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: {
                    enum: [
                      'commit',
                      'pipeline',
                      'image',
                      'manifest',
                      'sync',
                      'route',
                      'traffic',
                      'traces',
                    ],
                  },
                  title: str,
                  status: {
                    enum: [
                      'done',
                      'in progress',
                      'failed',
                      'waiting',
                      'unknown',
                    ],
                  },
                  evidence: { type: 'array', items: str },
                  at: str,
                  link: str,
                },
                required: ['id', 'title', 'status', 'evidence'],
              },
            },
            current: str,
            summary: str,
            blockedBy: str,
          },
          required: ['commit', 'imageTags', 'stages', 'summary'],
        },
      },
      observedAt: str,
    },
    required: ['configured', 'project', 'changes', 'observedAt'],
  },
  EntityGrafana: {
    type: 'object',
    properties: {
      configured: { const: true },
      dashboardSelector: str,
      dashboards: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            uid: str,
            title: str,
            path: str,
            folderTitle: str,
            tags: strings,
          },
          required: ['uid', 'title', 'path', 'tags'],
        },
      },
      alertSelector: str,
      alerts: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: str,
            state: str,
            severity: str,
            summary: str,
            runbookUrl: str,
            activeAt: str,
            labels,
          },
          required: ['name', 'state', 'labels'],
        },
      },
      observedAt: str,
    },
    required: ['configured', 'dashboards', 'alerts', 'observedAt'],
  },
} as const;

const error = {
  description: 'An error in the Backstage error envelope.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
} as const;

const json = (ref: string, description: string) =>
  ({
    description,
    content: { 'application/json': { schema: { $ref: ref } } },
  } as const);

/**
 * The platform REST API. Routes are typed from it and requests validated
 * against it; handlers still name the field in their own 400s.
 */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'platform',
    version: '1',
    description: 'Cluster health and catalog of the Platform Portal.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          request: { type: 'object' },
          response: { type: 'object' },
        },
        required: ['error'],
      },
      ...entitySchemas,
      EntityNotConfigured: {
        type: 'object',
        properties: {
          configured: { const: false },
          annotations: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' },
        },
        required: ['configured', 'annotations', 'message'],
      },
      Evidence: {
        type: 'object',
        properties: {
          object: { type: 'string' },
          field: { type: 'string' },
          value: { type: 'string' },
          observedAt: { type: 'string', format: 'date-time' },
        },
        required: ['object', 'field', 'value', 'observedAt'],
      },
      Check: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          verdict,
          message: { type: 'string' },
          evidence: {
            type: 'array',
            items: { $ref: '#/components/schemas/Evidence' },
          },
          runbook: { type: 'string' },
          buildOutStep: { type: 'integer' },
        },
        required: ['id', 'title', 'verdict', 'message', 'evidence'],
      },
      LayerHealth: {
        type: 'object',
        properties: {
          cluster: { type: 'string' },
          layer: { type: 'string' },
          verdict,
          checks: {
            type: 'array',
            items: { $ref: '#/components/schemas/Check' },
          },
          observedAt: { type: 'string' },
          reason: { type: 'string' },
          stale: { type: 'boolean' },
          unreachable: {
            $ref: '#/components/schemas/ClusterUnreachable',
            description: 'On GET /health/{cluster}/{layer} only',
          },
          since: {
            type: 'string',
            format: 'date-time',
            description: 'When the layer turned to its current verdict',
          },
          lastKnown: {
            type: 'boolean',
            description:
              "The cluster's API cannot be reached: the last known verdict, as of observedAt",
          },
        },
        required: ['cluster', 'layer', 'verdict', 'checks', 'observedAt'],
      },
      ClusterUnreachable: {
        type: 'object',
        description:
          'Set while the cluster’s Kubernetes API cannot be reached; the cluster is then critical',
        properties: {
          endpoint: { type: 'string' },
          errorClass: {
            type: 'string',
            enum: [
              'refused',
              'timeout',
              'tls',
              'unauthorized',
              'forbidden',
              'network',
            ],
          },
          message: { type: 'string' },
          since: { type: 'string', format: 'date-time' },
          lastAttemptAt: { type: 'string', format: 'date-time' },
          runbooks: { type: 'array', items: { type: 'string' } },
        },
        required: [
          'endpoint',
          'errorClass',
          'message',
          'since',
          'lastAttemptAt',
          'runbooks',
        ],
      },
      Counts: {
        type: 'object',
        properties: {
          ok: { type: 'integer' },
          warning: { type: 'integer' },
          critical: { type: 'integer' },
          unknown: { type: 'integer' },
        },
        required: ['ok', 'warning', 'critical', 'unknown'],
      },
      FleetHealth: {
        type: 'object',
        properties: {
          layers: { type: 'array', items: { type: 'string' } },
          counts: { $ref: '#/components/schemas/Counts' },
          clusters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                cluster: { type: 'string' },
                verdict,
                counts: { $ref: '#/components/schemas/Counts' },
                layers: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      layer: { type: 'string' },
                      verdict,
                      observedAt: { type: 'string' },
                      stale: { type: 'boolean' },
                      reason: { type: 'string' },
                      lastKnown: { type: 'boolean' },
                      since: { type: 'string', format: 'date-time' },
                    },
                    required: ['layer', 'verdict', 'observedAt', 'stale'],
                  },
                },
                unreachable: {
                  $ref: '#/components/schemas/ClusterUnreachable',
                },
              },
              required: ['cluster', 'verdict', 'counts', 'layers'],
            },
          },
          clusterCounts: {
            $ref: '#/components/schemas/Counts',
            description: 'Clusters by row verdict',
          },
          unreachableClusters: { type: 'integer' },
        },
        required: ['layers', 'counts', 'clusters'],
      },
      ClusterHealth: {
        type: 'object',
        properties: {
          cluster: { type: 'string' },
          verdict,
          layers: {
            type: 'array',
            items: { $ref: '#/components/schemas/LayerHealth' },
          },
          unreachable: { $ref: '#/components/schemas/ClusterUnreachable' },
        },
        required: ['cluster', 'verdict', 'layers'],
      },
      History: {
        type: 'object',
        properties: {
          cluster: { type: 'string' },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                cluster: { type: 'string' },
                layer: { type: 'string' },
                from: verdict,
                to: verdict,
                changedAt: { type: 'string' },
                message: { type: 'string' },
              },
              required: ['cluster', 'layer', 'to', 'changedAt', 'message'],
            },
          },
        },
        required: ['cluster', 'changes'],
      },
      ClusterSummary: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          provisioner: {
            type: 'string',
            enum: ['cluster-api', 'kubeadm', 'rke2'],
          },
          environment: { type: 'string' },
          region: { type: 'string' },
          management: { type: 'boolean' },
          managementCluster: { type: 'string' },
          verdict,
        },
        required: ['name', 'provisioner', 'management', 'verdict'],
      },
      Clusters: {
        type: 'object',
        properties: {
          clusters: {
            type: 'array',
            items: { $ref: '#/components/schemas/ClusterSummary' },
          },
        },
        required: ['clusters'],
      },
      ReadinessScore: {
        type: 'object',
        properties: {
          percent: { type: 'integer' },
          passed: { type: 'integer' },
          attested: { type: 'integer' },
          total: { type: 'integer' },
        },
        required: ['percent', 'passed', 'attested', 'total'],
      },
      Attestation: {
        type: 'object',
        properties: {
          cluster: { type: 'string' },
          step: { type: 'integer' },
          attestedBy: { type: 'string' },
          attestedAt: { type: 'string', format: 'date-time' },
          note: { type: 'string' },
        },
        required: ['cluster', 'step', 'attestedBy', 'attestedAt'],
      },
      ClusterReadiness: {
        type: 'object',
        description:
          'The 11 phases and 50 steps of the build-out; attested steps are never counted as passed.',
        properties: {
          cluster: { type: 'string' },
          score: { $ref: '#/components/schemas/ReadinessScore' },
          stuckPhase: { type: 'integer' },
          outOfOrder: { type: 'boolean' },
          observedAt: { type: 'string' },
          phases: { type: 'array', items: { type: 'object' } },
        },
        required: ['cluster', 'score', 'outOfOrder', 'observedAt', 'phases'],
      },
      FleetReadiness: {
        type: 'object',
        properties: {
          clusters: { type: 'array', items: { type: 'object' } },
        },
        required: ['clusters'],
      },
      Sizing: {
        type: 'object',
        properties: {
          cluster: { type: 'string' },
          profile: { type: 'string', enum: ['production', 'minimum'] },
          observedAt: { type: 'string' },
          nodes: { type: 'array', items: { type: 'object' } },
          findings: { type: 'array', items: { type: 'object' } },
          usageError: { type: 'string' },
        },
        required: ['cluster', 'profile', 'observedAt', 'nodes', 'findings'],
      },
      ClusterDetail: {
        allOf: [
          { $ref: '#/components/schemas/ClusterSummary' },
          {
            type: 'object',
            properties: {
              kubernetesVersions: { type: 'array', items: { type: 'string' } },
              nodes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    roles: { type: 'array', items: { type: 'string' } },
                    ready: { type: 'boolean' },
                    kubeletVersion: { type: 'string' },
                    capacity: { type: 'object' },
                  },
                  required: ['name', 'roles', 'ready', 'capacity'],
                },
              },
              liveError: { type: 'string' },
              clusterApi: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  version: { type: 'string' },
                  controlPlane: {
                    type: 'object',
                    properties: {
                      desired: { type: 'integer' },
                      ready: { type: 'integer' },
                    },
                    required: ['desired', 'ready'],
                  },
                  workers: {
                    type: 'object',
                    properties: {
                      desired: { type: 'integer' },
                      available: { type: 'integer' },
                    },
                    required: ['desired', 'available'],
                  },
                },
                required: ['controlPlane', 'workers'],
              },
            },
            required: ['kubernetesVersions', 'nodes'],
          },
        ],
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetFleetHealth',
        description:
          'Every cluster × every layer: verdict, counts, observedAt.',
        responses: {
          '200': json('#/components/schemas/FleetHealth', 'The fleet matrix.'),
          default: error,
        },
      },
    },
    '/health/{cluster}': {
      get: {
        operationId: 'GetClusterHealth',
        description:
          'The 13 layers of a cluster with their checks and evidence.',
        parameters: [clusterParam],
        responses: {
          '200': json('#/components/schemas/ClusterHealth', 'The layers.'),
          default: error,
        },
      },
    },
    '/health/{cluster}/history': {
      get: {
        operationId: 'GetClusterHealthHistory',
        description: 'Changes of verdict, newest first.',
        parameters: [
          clusterParam,
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'At most this many changes (1-1000, default 100).',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json('#/components/schemas/History', 'The changes.'),
          default: error,
        },
      },
    },
    '/health/{cluster}/{layer}': {
      get: {
        operationId: 'GetLayerHealth',
        description: 'One layer of a cluster with its checks and evidence.',
        parameters: [
          clusterParam,
          pathParam('layer', 'Layer id, one of GET /layers'),
        ],
        responses: {
          '200': json('#/components/schemas/LayerHealth', 'The layer.'),
          default: error,
        },
      },
    },
    '/readiness': {
      get: {
        operationId: 'GetFleetReadiness',
        description:
          'Build-out readiness of every cluster: score per phase, the phase each is stuck in.',
        responses: {
          '200': json('#/components/schemas/FleetReadiness', 'The fleet.'),
          default: error,
        },
      },
    },
    '/readiness/{cluster}': {
      get: {
        operationId: 'GetClusterReadiness',
        description:
          'The build-out steps of a cluster with status, evidence and attestation.',
        parameters: [clusterParam],
        responses: {
          '200': json('#/components/schemas/ClusterReadiness', 'The phases.'),
          default: error,
        },
      },
    },
    '/readiness/{cluster}/steps/{step}/attestations': {
      post: {
        operationId: 'AttestBuildOutStep',
        description:
          'Records that the calling user attests a step no API can verify.',
        parameters: [clusterParam, pathParam('step', 'Build-out step, 1-50')],
        requestBody: {
          required: false,
          content: { 'application/json': { schema: {} } },
        },
        responses: {
          '201': json('#/components/schemas/Attestation', 'Stored.'),
          default: error,
        },
      },
    },
    '/sizing/{cluster}': {
      get: {
        operationId: 'GetClusterSizing',
        description:
          "The cluster's nodes against the guide's sizing, with findings.",
        parameters: [clusterParam],
        responses: {
          '200': json('#/components/schemas/Sizing', 'The findings.'),
          default: error,
        },
      },
    },
    '/diagnostics/{cluster}/{runbook}': {
      post: {
        operationId: 'RunDiagnostic',
        description:
          "Runs a runbook's checks in order against the cluster, stopping where the cause is found; body: optional namespace and object name.",
        parameters: [
          clusterParam,
          pathParam('runbook', 'Runbook id, as in the guide'),
        ],
        requestBody: {
          required: false,
          content: { 'application/json': { schema: {} } },
        },
        responses: {
          '200': {
            description: 'The run with its steps.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          default: error,
        },
      },
    },
    '/diagnostics/{cluster}/remediations/{action}': {
      post: {
        operationId: 'RunRemediation',
        description:
          'Runs a safe remediation a diagnostic offered (permission platform.cluster.provision; audited; idempotent; dryRun writes nothing).',
        parameters: [
          clusterParam,
          pathParam(
            'action',
            'certificate-reissue, argocd-sync or machinedeployment-scale',
          ),
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: {} } },
        },
        responses: {
          '200': {
            description: 'What changed.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          default: error,
        },
      },
    },
    '/clusters': {
      get: {
        operationId: 'ListClusters',
        description: 'Configured clusters with their overall verdict.',
        responses: {
          '200': json('#/components/schemas/Clusters', 'The clusters.'),
          default: error,
        },
      },
    },
    '/clusters/{cluster}': {
      get: {
        operationId: 'GetCluster',
        description: 'A cluster with live nodes, capacity and versions.',
        parameters: [clusterParam],
        responses: {
          '200': json('#/components/schemas/ClusterDetail', 'The cluster.'),
          default: error,
        },
      },
    },
    '/clusters/{cluster}/namespaces': {
      get: {
        operationId: 'ListTeamNamespaces',
        description:
          'Team namespaces on the cluster the user may write (platform.namespace.write on the owning Group), optionally of one team; 403 when that team is not theirs.',
        parameters: [
          clusterParam,
          {
            name: 'team',
            in: 'query',
            required: false,
            description: 'Catalog group name of the owning team',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'The namespaces, by name.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    cluster: { type: 'string' },
                    namespaces: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          name: { type: 'string' },
                          team: { type: 'string' },
                          entity: { type: 'string' },
                        },
                        required: ['name', 'team'],
                        additionalProperties: false,
                      },
                    },
                  },
                  required: ['cluster', 'namespaces'],
                  additionalProperties: false,
                },
              },
            },
          },
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/nexus': {
      get: {
        operationId: 'GetEntityNexus',
        description:
          "The entity's Docker images and Helm charts in Nexus: versions, repository, size, last modified, and the clusters running each version.",
        parameters: entityParams,
        responses: {
          '200': entityIntegrationOf(
            'The artifacts.',
            '#/components/schemas/EntityNexus',
          ),
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/gitlab': {
      get: {
        operationId: 'GetEntityGitLab',
        description:
          "The entity's GitLab project: latest pipelines on the default branch and on open merge requests, with stages.",
        parameters: entityParams,
        responses: {
          '200': entityIntegrationOf(
            'The pipelines.',
            '#/components/schemas/EntityGitLab',
          ),
          default: error,
        },
      },
    },
    '/delivery/{namespace}/{kind}/{name}': {
      get: {
        operationId: 'GetEntityDelivery',
        description:
          "The delivery path of the entity's latest commits on the default branch: pipeline, image in Nexus, manifest bump, Argo CD sync and health, HTTPRoute and certificate, traffic and errors, traces; each stage with status, evidence, time and link, and where each change is now.",
        parameters: entityParams,
        responses: {
          '200': entityIntegrationOf(
            'The changes and their stages.',
            '#/components/schemas/EntityDelivery',
          ),
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/grafana': {
      get: {
        operationId: 'GetEntityGrafana',
        description:
          "The entity's Grafana dashboards (by tag) and firing alerts (by label).",
        parameters: entityParams,
        responses: {
          '200': entityIntegrationOf(
            'The dashboards and alerts.',
            '#/components/schemas/EntityGrafana',
          ),
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/argocd': {
      get: {
        operationId: 'GetEntityArgocd',
        description:
          "The entity's Argo CD applications on every cluster's Argo CD (by `argocd/app-selector` or `argocd/app-name`): sync and health, revision, automated sync, history, resource summary, operation; instances that could not be read are listed in `instanceErrors`. Only applications whose project platform.ownership.argocdProjects gives to the entity's owner are listed, to viewers in that group or a platform team; `hiddenApplications` counts the others.",
        parameters: entityParams,
        responses: {
          '200': entityIntegration('The applications.'),
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/sync': {
      post: {
        operationId: 'SyncEntityArgocdApplication',
        description:
          "Starts a sync of one of the entity's applications (permission platform.argocd.sync on the entity; audited).",
        parameters: argocdAppParams,
        responses: {
          '200': argocdOperation,
          default: error,
        },
      },
    },
    '/entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/rollback': {
      post: {
        operationId: 'RollbackEntityArgocdApplication',
        description:
          "Starts a rollback of one of the entity's applications to a history entry (permission platform.argocd.rollback on the entity; audited). 409 while automated sync is on.",
        parameters: argocdAppParams,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  id: {
                    type: 'integer',
                    minimum: 0,
                    description:
                      'The id of an entry of the application history.',
                  },
                },
                required: ['id'],
              },
            },
          },
        },
        responses: {
          '200': argocdOperation,
          default: error,
        },
      },
    },
  },
} as const;
