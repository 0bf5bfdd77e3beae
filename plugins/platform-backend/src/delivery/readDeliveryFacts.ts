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

import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  ArgocdApplication,
} from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { GitLabClient, GitLabPipeline } from '../clients/gitlab/GitLabClient';
import { KubeObject } from '../health/checks/support';
import { argocdSelectionOf } from '../routes/entity/argocdSelection';
import { readFailureMessage } from '../routes/entity/argocdErrors';
import { annotationOf } from '../routes/entity/entityAnnotations';
import { summaryOf } from '../routes/entity/gitlabEntityRoute';
import { artifactOf } from '../routes/entity/nexusEntityRoute';
import { readArgocdInstance } from '../routes/entity/readArgocdInstance';
import { SharedReadCache } from '../routes/entity/SharedReadCache';
import {
  CommitFacts,
  DeliveryFacts,
  ImageVersion,
  outcomeOf,
  RouteFacts,
  TrafficFacts,
} from './deliveryFacts';

export interface DeliveryReadContext {
  clients: UpstreamClients;
  cache: SharedReadCache;
  clusters: string[];
}

/** The commit's pipeline: the default branch's if there is one, else the newest. */
function pipelineOfCommit(
  pipelines: GitLabPipeline[],
  defaultBranch: string,
): GitLabPipeline | undefined {
  const newestFirst = [...pipelines].sort((a, b) => b.id - a.id);
  return newestFirst.find(p => p.ref === defaultBranch) ?? newestFirst[0];
}

/** The default branch's newest commits with their pipelines, each read cached by what it reads. */
export async function readCommits(
  context: DeliveryReadContext,
  gitlab: GitLabClient,
  slug: string,
  count: number,
  /** Throws when the project may not be shown; called before its commits are read. */
  authorize: (projectPath: string) => Promise<void>,
): Promise<{
  project: { id: number; path: string; defaultBranch: string; webUrl?: string };
  commits: CommitFacts[];
}> {
  const { cache } = context;
  const project = await cache.read(`gitlab:project:${slug}`, async () => {
    const p = await gitlab.projectByPath(slug);
    return {
      id: p.id,
      path: p.path_with_namespace,
      defaultBranch: p.default_branch ?? 'main',
      ...(p.web_url ? { webUrl: p.web_url } : {}),
    };
  });
  await authorize(project.path);
  const commits = await cache.read(
    `gitlab:commits:${project.id}:${project.defaultBranch}:${count}`,
    () => gitlab.commits(project.id, project.defaultBranch, count),
  );
  return {
    project,
    commits: await Promise.all(
      commits.map(async commit => {
        const [pipelines, tagPipelines] = await Promise.all([
          outcomeOf(() =>
            cache.read(`gitlab:pipelines-of:${project.id}:${commit.id}`, () =>
              gitlab.pipelinesForSha(project.id, commit.id),
            ),
          ),
          outcomeOf(() =>
            cache.read(
              `gitlab:tag-pipelines-of:${project.id}:${commit.id}`,
              () => gitlab.pipelinesForSha(project.id, commit.id, 'tags'),
            ),
          ),
        ]);
        const chosen = pipelines.ok
          ? pipelineOfCommit(pipelines.value, project.defaultBranch)
          : undefined;
        const pipeline = pipelines.ok
          ? await outcomeOf(async () =>
              chosen
                ? cache.read(`gitlab:pipeline:${project.id}:${chosen.id}`, () =>
                    summaryOf(gitlab, project.id, chosen),
                  )
                : undefined,
            )
          : pipelines;
        return {
          sha: commit.id,
          shortSha: commit.short_id ?? commit.id.slice(0, 8),
          title: commit.title,
          ...(commit.author_name ? { author: commit.author_name } : {}),
          ...(commit.created_at ? { createdAt: commit.created_at } : {}),
          ...(commit.web_url ? { webUrl: commit.web_url } : {}),
          pipeline,
          releaseTags: tagPipelines.ok
            ? [...new Set(tagPipelines.value.map(p => p.ref))]
            : [],
        };
      }),
    ),
  };
}

/** What of an entity's upstream objects its viewer may see. */
export interface DeliveryVisibility {
  application(app: ArgocdApplication): boolean;
  image(repository: string, image: string): boolean;
}

async function readImages(
  context: DeliveryReadContext,
  image: string,
  visible: DeliveryVisibility,
): Promise<ImageVersion[]> {
  const nexus = context.clients.nexusSearch();
  if (!nexus) {
    throw new Error(
      'Nexus is not configured; set platform.upstreams.nexus.url',
    );
  }
  // The same entry the Nexus card reads: one upstream read for both.
  const artifact = await context.cache.read(`nexus:docker:${image}`, async () =>
    artifactOf('docker', image, await nexus.components('docker', image)),
  );
  return artifact.versions
    .filter(v => visible.image(v.repository, image))
    .map(v => ({
      version: v.version,
      repository: v.repository,
      ...(v.lastModified ? { lastModified: v.lastModified } : {}),
    }));
}

function conditionsOf(holder: { conditions?: unknown } | undefined) {
  return (
    (holder?.conditions ?? []) as Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>
  ).map(c => ({
    type: c.type,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  }));
}

/** The component's HTTPRoutes on one cluster (by `kubernetes-id` label or a backend named like it) with their certificates. */
async function readRoutes(
  context: DeliveryReadContext,
  cluster: string,
  component: string,
  namespace: string | undefined,
): Promise<RouteFacts[]> {
  const kubernetes = context.clients.kubernetes(cluster);
  if (!kubernetes) {
    throw new Error(`${cluster} is not in platform.clusters`);
  }
  const [routes, certificates] = await Promise.all([
    context.cache.read(
      `k8s:httproutes:${cluster}`,
      async () =>
        (
          await kubernetes.list<KubeObject>(
            'gateway.networking.k8s.io/v1',
            'HTTPRoute',
          )
        ).items,
    ),
    context.cache.read(
      `k8s:certificates:${cluster}`,
      async () =>
        (
          await kubernetes.list<KubeObject>('cert-manager.io/v1', 'Certificate')
        ).items,
    ),
  ]);
  const mine = routes.filter(route => {
    if (namespace && route.metadata?.namespace !== namespace) return false;
    const labelled =
      route.metadata?.labels?.[ANNOTATIONS.kubernetesId] === component;
    const backends = (
      (route.spec?.rules ?? []) as Array<{
        backendRefs?: Array<{ name?: string }>;
      }>
    ).flatMap(rule => (rule.backendRefs ?? []).map(b => b.name));
    return labelled || backends.includes(component);
  });
  return mine.map(route => {
    const hostnames = (route.spec?.hostnames ?? []) as string[];
    const parents = (route.status?.parents ?? []) as Array<{
      conditions?: unknown;
    }>;
    const certs = certificates.filter(
      cert =>
        cert.metadata?.namespace === route.metadata?.namespace &&
        ((cert.spec?.dnsNames ?? []) as string[]).some(name =>
          hostnames.includes(name),
        ),
    );
    return {
      name: route.metadata?.name ?? '',
      namespace: route.metadata?.namespace ?? '',
      hostnames,
      conditions: parents.flatMap(conditionsOf),
      certificates: certs.map(cert => {
        const conditions = conditionsOf(cert.status);
        const ready = conditions.find(c => c.type === 'Ready');
        const issuing = conditions.find(
          c =>
            c.type === 'Issuing' &&
            c.status === 'False' &&
            c.reason === 'Failed',
        );
        return {
          name: cert.metadata?.name ?? '',
          ...(ready ? { ready: ready.status } : {}),
          ...(ready?.reason ? { reason: ready.reason } : {}),
          ...(ready?.message ? { message: ready.message } : {}),
          ...(cert.status?.notAfter
            ? { notAfter: String(cert.status.notAfter) }
            : {}),
          ...(issuing
            ? { renewalFailure: issuing.message ?? issuing.reason }
            : {}),
        };
      }),
    };
  });
}

/** The Gateway's request and 5xx rates for the component's service, per cluster (Traefik's counters). */
async function readTraffic(
  context: DeliveryReadContext,
  component: string,
  namespace: string,
): Promise<TrafficFacts[]> {
  const prometheus = context.clients.prometheus();
  if (!prometheus) {
    throw new Error(
      'Prometheus is not configured; set platform.upstreams.prometheus.url',
    );
  }
  // Traefik names a Gateway API backend `<namespace>-<service>-<port>@kubernetesgateway`.
  const service = `${namespace}-${component}-.*@kubernetesgateway`;
  const query = `sum by (cluster, code) (rate(traefik_service_requests_total{service=~${JSON.stringify(
    service,
  )}}[5m]))`;
  const samples = await context.cache.read(
    `prometheus:${query}`,
    async () => (await prometheus.query(query)).data,
  );
  const byCluster = new Map<string, TrafficFacts>();
  for (const sample of samples) {
    const cluster = sample.metric.cluster ?? '';
    const rate = Number(sample.value[1]);
    const facts = byCluster.get(cluster) ?? {
      cluster,
      requestsPerSecond: 0,
      errorsPerSecond: 0,
    };
    if (Number.isFinite(rate)) {
      facts.requestsPerSecond += rate;
      if ((sample.metric.code ?? '').startsWith('5')) {
        facts.errorsPerSecond += rate;
      }
    }
    byCluster.set(cluster, facts);
  }
  return [...byCluster.values()];
}

/**
 * The entity-wide facts every commit's stages are judged against: Nexus
 * images, Argo CD applications, routes and certificates where the
 * applications run, and traffic. A failed read is kept as its reason.
 */
export async function readDeliveryFacts(
  context: DeliveryReadContext,
  entity: Entity,
  visible: DeliveryVisibility,
): Promise<DeliveryFacts> {
  const component =
    annotationOf(entity, ANNOTATIONS.kubernetesId) ?? entity.metadata.name;
  const image = annotationOf(entity, ANNOTATIONS.nexusDockerImage);
  const applications: DeliveryFacts['applications'] = [];
  const argocdErrors: DeliveryFacts['argocdErrors'] = [];
  let selection: ReturnType<typeof argocdSelectionOf>;
  try {
    selection = argocdSelectionOf(entity);
  } catch (error) {
    // A selector Argo CD could not parse: kept as the reason on every instance, as a failed read is.
    const message = (error as Error).message;
    argocdErrors.push(
      ...context.clusters.map(instance => ({ instance, message })),
    );
  }
  const [images] = await Promise.all([
    image ? outcomeOf(() => readImages(context, image, visible)) : undefined,
    selection
      ? Promise.all(
          context.clusters.map(async instance => {
            try {
              applications.push(
                ...(
                  await readArgocdInstance(
                    context.clients,
                    context.cache,
                    instance,
                    selection,
                  )
                ).filter(app => visible.application(app)),
              );
            } catch (error) {
              argocdErrors.push({
                instance,
                message: readFailureMessage(error),
              });
            }
          }),
        )
      : undefined,
  ]);
  const namespace =
    annotationOf(entity, ANNOTATIONS.kubernetesNamespace) ??
    applications.find(a => a.destinationNamespace)?.destinationNamespace;
  const clustersRunning = [...new Set(applications.map(a => a.instance))];
  const routes = new Map(
    await Promise.all(
      clustersRunning.map(
        async cluster =>
          [
            cluster,
            await outcomeOf(() =>
              readRoutes(context, cluster, component, namespace),
            ),
          ] as const,
      ),
    ),
  );
  const traffic = namespace
    ? await outcomeOf(() => readTraffic(context, component, namespace))
    : undefined;
  return {
    ...(image ? { image } : {}),
    images,
    applications,
    argocdErrors,
    ...(selection ? { argocdSelection: selection.describe } : {}),
    routes,
    traffic,
  };
}
