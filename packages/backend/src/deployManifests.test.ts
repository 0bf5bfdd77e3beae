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

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './__testUtils__/BackendReplica';
import { checkUpstreamSchemas } from './__testUtils__/checkUpstreamSchemas';
import { httpJson, httpRequest } from './__testUtils__/httpRequest';
import {
  Manifest,
  renderKustomization,
} from './__testUtils__/renderKustomization';
import { SandboxProcess } from './__testUtils__/SandboxProcess';

/*
 * deploy/portal, the manifests the platform team deploys the portal with, and
 * deploy/argocd, the Argo CD Application that deploys them: rendered as
 * kustomize renders them, checked for what they promise, validated against
 * the upstream schemas, and accepted by a Kubernetes API (the sandbox's
 * management cluster) with server-side apply in dry-run.
 * Loopback ports 7303-7305.
 */
const DEPLOY_DIR = join(REPO_ROOT, 'deploy/portal');
const ARGOCD_DIR = join(REPO_ROOT, 'deploy/argocd');
const CLUSTER = 'mgmt';
const SECRET = 'platform-portal-env';

/** The ${VARIABLE}s a config file substitutes from the environment. */
function configVariables(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const names = [...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]);
  return [...new Set(names)].sort();
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter(m => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

function selects(
  selector: Record<string, string>,
  labels: Record<string, string>,
) {
  return Object.entries(selector).every(
    ([key, value]) => labels[key] === value,
  );
}

describe('deploy/portal', () => {
  const manifests = renderKustomization(DEPLOY_DIR);
  const applications = renderKustomization(ARGOCD_DIR);
  const deployment = only(manifests, 'Deployment');
  const podLabels = deployment.spec.template.metadata.labels;
  const container = deployment.spec.template.spec.containers[0];

  it.each([DEPLOY_DIR, ARGOCD_DIR])(
    'lists every manifest in %s in its kustomization',
    dir => {
      const files = readdirSync(dir).filter(
        f => f.endsWith('.yaml') && f !== 'kustomization.yaml',
      );
      const listed = parse(
        readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
      ).resources;
      expect([...listed].sort()).toEqual(files.sort());
    },
  );

  it('puts the portal in the backstage namespace and its Application in argocd', () => {
    expect(new Set(manifests.map(m => m.metadata.namespace))).toEqual(
      new Set(['backstage']),
    );
    expect(new Set(applications.map(m => m.metadata.namespace))).toEqual(
      new Set(['argocd']),
    );
  });

  it('runs two non-root replicas on a read-only root filesystem, with config from a Secret', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy.rollingUpdate).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
    expect(selects(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(
      true,
    );
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.args).toEqual(
      expect.arrayContaining(['app-config.yaml', 'app-config.production.yaml']),
    );
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('sets every variable the production config reads, all but the public URL from the Secret', () => {
    const env: Array<{ name: string; value?: string; valueFrom?: any }> =
      container.env;
    expect(env.map(e => e.name).sort()).toEqual(
      configVariables('app-config.production.yaml'),
    );
    // PostgreSQL, Redis and every credential among them.
    expect(env.map(e => e.name)).toEqual(
      expect.arrayContaining([
        'POSTGRES_HOST',
        'POSTGRES_PASSWORD',
        'REDIS_URL',
        'BACKEND_SECRET',
      ]),
    );
    for (const variable of env.filter(e => e.name !== 'PORTAL_BASE_URL')) {
      expect(variable).toEqual({
        name: variable.name,
        valueFrom: { secretKeyRef: { name: SECRET, key: variable.name } },
      });
    }
    expect(container.envFrom).toBeUndefined();
  });

  it('runs the image the kustomization names, with the tag CI sets there', () => {
    const kustomization = parse(
      readFileSync(join(DEPLOY_DIR, 'kustomization.yaml'), 'utf8'),
    );
    const [image] = kustomization.images;
    expect(container.image).toBe(`${image.name}:${image.newTag}`);
  });

  it("probes the backend's own health endpoints and outlasts its shutdown delay", () => {
    const port = container.ports.find((p: any) => p.name === 'http');
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/readiness',
      port: 'http',
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/liveness',
      port: 'http',
    });
    expect(container.startupProbe.httpGet).toEqual(
      container.livenessProbe.httpGet,
    );
    const production = parse(
      readFileSync(join(REPO_ROOT, 'app-config.production.yaml'), 'utf8'),
    );
    expect(port.containerPort).toBe(
      Number(production.backend.listen.replace(':', '')),
    );
    // Readiness fails within a probe period, well before the server stops.
    const delaySeconds =
      production.backend.lifecycle.serverShutdownDelay.seconds;
    const readiness = container.readinessProbe;
    expect(readiness.periodSeconds * readiness.failureThreshold).toBeLessThan(
      delaySeconds,
    );
    expect(
      deployment.spec.template.spec.terminationGracePeriodSeconds,
    ).toBeGreaterThan(delaySeconds + 30);
  });

  it('keeps one replica through voluntary disruptions', () => {
    const budget = only(manifests, 'PodDisruptionBudget');
    expect(budget.spec.minAvailable).toBe(1);
    expect(selects(budget.spec.selector.matchLabels, podLabels)).toBe(true);
  });

  it('routes the portal host through the platform Gateway to the Service, with its own certificate', () => {
    const service = only(manifests, 'Service');
    const route = only(manifests, 'HTTPRoute');
    const certificate = only(manifests, 'Certificate');
    const grant = only(manifests, 'ReferenceGrant');
    expect(selects(service.spec.selector, podLabels)).toBe(true);
    expect(service.spec.ports[0].targetPort).toBe('http');
    expect(route.spec.parentRefs).toEqual([
      expect.objectContaining({
        namespace: 'traefik',
        name: 'traefik-gateway',
        sectionName: 'https',
      }),
    ]);
    expect(route.spec.rules[0].backendRefs).toEqual([
      expect.objectContaining({
        kind: 'Service',
        name: service.metadata.name,
        port: service.spec.ports[0].port,
      }),
    ]);
    expect(certificate.spec.dnsNames).toEqual(route.spec.hostnames);
    expect(container.env).toContainEqual({
      name: 'PORTAL_BASE_URL',
      value: `https://${route.spec.hostnames[0]}`,
    });
    expect(grant.spec.to).toEqual([
      { group: '', kind: 'Secret', name: certificate.spec.secretName },
    ]);
  });

  it('lets only Traefik and the kubelet in, on the backend port', () => {
    const policy = only(manifests, 'CiliumNetworkPolicy');
    expect(selects(policy.spec.endpointSelector.matchLabels, podLabels)).toBe(
      true,
    );
    const port = String(container.ports[0].containerPort);
    expect(
      policy.spec.ingress.map((rule: any) => ({
        from: rule.fromEndpoints ?? rule.fromEntities,
        ports: rule.toPorts.flatMap((p: any) =>
          p.ports.map((q: any) => q.port),
        ),
      })),
    ).toEqual([
      {
        from: [
          { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'traefik' } },
        ],
        ports: [port],
      },
      { from: ['host'], ports: [port] },
    ]);
  });

  it('is valid against the upstream schemas, the Argo CD Application too', async () => {
    const checks = await checkUpstreamSchemas([...manifests, ...applications]);
    expect(checks).toEqual(
      [...manifests, ...applications].map(m => ({
        kind: m.kind,
        name: m.metadata.name,
        errors: [],
      })),
    );
  }, 180_000);

  it('fails the schema check on a misspelt field, a wrong value or a missing field', async () => {
    const typo = structuredClone(deployment);
    typo.spec.template.spec.containers[0].readinesProbe =
      typo.spec.template.spec.containers[0].readinessProbe;
    const wrongValue = structuredClone(only(manifests, 'Service'));
    wrongValue.spec.type = 'ClusterIp';
    const missing = structuredClone(only(manifests, 'HTTPRoute'));
    delete missing.spec.parentRefs[0].name;
    const checks = await checkUpstreamSchemas([typo, wrongValue, missing]);
    expect(checks.map(c => c.errors.join('\n'))).toEqual([
      expect.stringContaining('readinesProbe'),
      expect.stringContaining('must be equal to one of the allowed values'),
      expect.stringContaining(
        '/spec/parentRefs/0 must have required property name',
      ),
    ]);
  }, 180_000);

  it('is deployed by an Argo CD Application that syncs this directory into its namespace', () => {
    expect(applications).toHaveLength(1);
    const [application] = applications;
    expect(application).toMatchObject({
      kind: 'Application',
      metadata: { name: 'platform-portal', namespace: 'argocd' },
    });
    const { source, destination, syncPolicy } = application.spec;
    // The repository this test runs in, as the platform's GitLab serves it.
    expect(source.repoURL).toMatch(
      /^https:\/\/gitlab\.apps\.example\.internal\/platform\/[a-z-]+\.git$/,
    );
    expect(join(REPO_ROOT, source.path)).toBe(DEPLOY_DIR);
    expect(destination).toEqual({
      server: 'https://kubernetes.default.svc',
      namespace: deployment.metadata.namespace,
    });
    expect(syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(existsSync(join(REPO_ROOT, source.path, 'kustomization.yaml'))).toBe(
      true,
    );
  });

  describe('against a Kubernetes API', () => {
    let dir: string;
    let sandbox: SandboxProcess;
    let api: { url: string; ca: string; token: string };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'platform-portal-deploy-'));
      const logDir = join(REPO_ROOT, '.test-results', 'deploy-manifests');
      mkdirSync(logDir, { recursive: true });
      sandbox = new SandboxProcess({
        port: 7303,
        controlPort: 7304,
        dir,
        logDir,
      });
      await sandbox.waitUntilReady();
      api = sandbox.kubernetesAdmin(CLUSTER);
    }, 180_000);

    afterAll(async () => {
      await sandbox?.process.kill();
      if (dir) {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    /** The resource path of a manifest, from the API's own discovery; undefined when the API does not serve its kind. */
    async function resourcePath(m: Manifest): Promise<string | undefined> {
      const base = m.apiVersion.includes('/')
        ? `apis/${m.apiVersion}`
        : `api/${m.apiVersion}`;
      const answer = await httpRequest(`${api.url}/${base}`, {
        headers: { authorization: `Bearer ${api.token}` },
        ca: api.ca,
      });
      if (answer.status === 404) {
        return undefined;
      }
      const resource = JSON.parse(answer.body).resources.find(
        (r: any) => r.kind === m.kind && !r.name.includes('/'),
      );
      return resource
        ? `${api.url}/${base}/namespaces/${m.metadata.namespace}/${resource.name}/${m.metadata.name}`
        : undefined;
    }

    it('accepts every manifest and the Application with server-side apply in dry-run, and stores none', async () => {
      const results = [];
      for (const manifest of [...manifests, ...applications]) {
        const path = await resourcePath(manifest);
        if (!path) {
          results.push({ kind: manifest.kind, status: 'not served' });
          continue;
        }
        const applied = await httpRequest(
          `${path}?fieldManager=platform-portal-deploy&dryRun=All&force=true`,
          {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${api.token}`,
              'content-type': 'application/apply-patch+yaml',
            },
            body: manifest,
            ca: api.ca,
          },
        );
        const stored = await httpRequest(path, {
          headers: { authorization: `Bearer ${api.token}` },
          ca: api.ca,
        });
        results.push({
          kind: manifest.kind,
          status:
            applied.status === 200 || applied.status === 201
              ? 'accepted'
              : applied.body,
          stored: stored.status !== 404,
        });
      }
      expect(results).toEqual(
        [...manifests, ...applications].map(m => ({
          kind: m.kind,
          status: 'accepted',
          stored: false,
        })),
      );
    }, 60_000);

    it('names a Gateway, a listener and a ClusterIssuer the cluster has', async () => {
      const headers = { authorization: `Bearer ${api.token}` };
      const gateway = await httpJson(
        `${api.url}/apis/gateway.networking.k8s.io/v1/namespaces/traefik/gateways/traefik-gateway`,
        { headers, ca: api.ca },
      );
      const route = only(manifests, 'HTTPRoute');
      const listener = gateway.spec.listeners.find(
        (l: any) => l.name === route.spec.parentRefs[0].sectionName,
      );
      expect(listener.protocol).toBe('HTTPS');
      expect(
        route.spec.hostnames[0].endsWith(listener.hostname.replace('*', '')),
      ).toBe(true);
      const issuer = only(manifests, 'Certificate').spec.issuerRef.name;
      const answer = await httpRequest(
        `${api.url}/apis/cert-manager.io/v1/clusterissuers/${issuer}`,
        { headers, ca: api.ca },
      );
      expect(answer.status).toBe(200);
    }, 60_000);
  });
});
