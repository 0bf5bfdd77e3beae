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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { UserEntity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import {
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import { UpgradeReadiness } from '../upgrades/UpgradeReadiness';
import {
  readSelfServiceConfig,
  SelfServiceConfig,
} from '../config/readSelfServiceConfig';
import {
  platformPolicyDecisions,
  rememberMembership,
} from './platformPolicyPermissions';

export const DOMAIN = 'apps.example.internal';

/** The portal's template location, trusted as it is in `catalog.locations`. */
export const TEMPLATES_LOCATION = path.resolve(
  __dirname,
  '../../../../templates/all.yaml',
);

/**
 * A task's template as the scaffolder passes it: from the trusted location.
 *
 * @public
 */
export function templateFrom(
  origin = `file:${TEMPLATES_LOCATION}`,
  entityRef = 'template:default/platform-new-service',
) {
  return {
    entityRef,
    baseUrl: 'file:///templates/',
    entity: {
      metadata: {
        name: entityRef.split('/')[1],
        annotations: { 'backstage.io/managed-by-origin-location': origin },
      },
    },
  };
}

/** A sandbox fleet over HTTPS whose controllers only run when the test advances time. */
export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({
    fleet: defaultFleet(),
    realTimeTicks: false,
  });
}

/**
 * The portal configuration the sandbox stands for: cluster URLs with the
 * reader token for reads and the admin token for self-service writes, each
 * cluster with its own CA unless `caOf` says otherwise.
 */
export function sandboxConfig(
  sandbox: Sandbox,
  selfService: Record<string, unknown> = {},
  writeRole: 'admin' | 'reader' = 'admin',
  caOf: (cluster: string) => string = name => sandbox.caData(name),
) {
  return new ConfigReader({
    app: { baseUrl: 'http://localhost:3000' },
    catalog: { locations: [{ type: 'file', target: TEMPLATES_LOCATION }] },
    integrations: {
      gitlab: [
        {
          host: `gitlab.${DOMAIN}`,
          apiBaseUrl: `https://gitlab.${DOMAIN}/api/v4`,
        },
      ],
    },
    platform: {
      links: { grafana: { baseUrl: 'http://grafana.example' } },
      clusters: sandbox.fleetSpec.clusters.map(c => ({
        name: c.name,
        provisioner: c.provisioner,
        environment: c.environment,
        management: c.environment === 'management',
        ...(c.managementCluster
          ? { managementCluster: c.managementCluster }
          : {}),
        kubernetes: {
          url: sandbox.kubernetesUrl(c.name),
          caData: caOf(c.name),
          token: sandbox.credentials.kubernetes[c.name].reader,
          writeToken: sandbox.credentials.kubernetes[c.name][writeRole],
        },
      })),
      selfService: {
        allowedDomains: [DOMAIN],
        argocd: { baseUrl: `${sandbox.url}/argocd/{cluster}` },
        clusterOidc: { issuerUrl: `https://dex.${DOMAIN}` },
        pollIntervalMs: 20,
        waitTimeoutSeconds: 5,
        ...selfService,
      },
    },
  });
}

/**
 * What an action needs, wired to a sandbox: its clusters, the self-service
 * settings, mock permissions and auditor, and an upgrade planner.
 *
 * @public
 */
export interface ActionTestSetup {
  clusters: ConfigClusterAccessService;
  config: SelfServiceConfig;
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  upgrades: UpgradeReadiness;
}

/**
 * For suites about other concerns: a planner that finds nothing in the way of an upgrade.
 *
 * @public
 */
export const NOTHING_BLOCKS_UPGRADES: UpgradeReadiness = {
  blockers: async () => [],
};

/**
 * The options of the platform actions against a sandbox, with the
 * self-service settings given (everything allowed by default).
 *
 * @public
 */
export function actionSetup(
  sandbox: Sandbox,
  selfService?: Record<string, unknown>,
  writeRole: 'admin' | 'reader' = 'admin',
  caOf?: (cluster: string) => string,
): ActionTestSetup {
  const config = sandboxConfig(sandbox, selfService, writeRole, caOf);
  return {
    clusters: new ConfigClusterAccessService(readClusterConnections(config)),
    config: readSelfServiceConfig(config),
    permissions: mockServices.permissions.mock({
      authorize: platformPolicyDecisions(),
    }),
    auditor: mockServices.auditor.mock(),
    upgrades: NOTHING_BLOCKS_UPGRADES,
  };
}

/**
 * A catalog User in the given groups, as the actions' membership lookup
 * will find it.
 *
 * @public
 */
export function userOf(name: string, groups: string[]): UserEntity {
  rememberMembership(`user:default/${name}`, groups);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
  };
}

/**
 * A task context for a user of the given groups; outputs are collected.
 *
 * @public
 */
export function contextFor<T extends Record<string, any>>(
  input: T,
  options: {
    user?: UserEntity;
    isDryRun?: boolean;
    signal?: AbortSignal;
    templateInfo?: ReturnType<typeof templateFrom>;
  } = {},
): {
  ctx: ActionContext<any, any>;
  outputs: Record<string, unknown>;
  logs: string[];
} {
  const outputs: Record<string, unknown> = {};
  const logs: string[] = [];
  const user = options.user ?? userOf('pat', ['team-payments']);
  const userRef = `user:default/${user.metadata.name}`;
  const ctx = createMockActionContext<T>({
    input,
    user: { entity: user, ref: userRef },
    templateInfo: options.templateInfo ?? templateFrom(),
  });
  // The task runs for its initiator: the policy decides from their identity.
  ctx.getInitiatorCredentials = async () => mockCredentials.user(userRef);
  // The mock only takes some fields from its options; set the rest here.
  ctx.isDryRun = options.isDryRun;
  ctx.signal = options.signal;
  ctx.output = ((name: string, value: unknown) => {
    outputs[name] = value;
  }) as typeof ctx.output;
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    const original = ctx.logger[level].bind(ctx.logger);
    (ctx.logger as any)[level] = (message: string, ...rest: unknown[]) => {
      logs.push(message);
      return (original as any)(message, ...rest);
    };
  }
  return { ctx: ctx as unknown as ActionContext<any, any>, outputs, logs };
}

/**
 * Store revision of a cluster: it moves on every write and only then.
 *
 * @public
 */
export function revisionOf(sandbox: Sandbox, cluster: string): number {
  return sandbox.fleet.cluster(cluster)!.store.resourceVersion;
}

/** Each cluster's revision now, to ask later what was written since. */
export function revisionsOf(sandbox: Sandbox): Record<string, number> {
  return Object.fromEntries(
    sandbox.fleetSpec.clusters.map(c => [c.name, revisionOf(sandbox, c.name)]),
  );
}

/**
 * The changes API requests made on any cluster since `before`, as
 * `cluster resource namespace/name`. The simulated controllers keep writing
 * while the clock ticks (status, leases, renewals); they are not counted.
 */
export function apiWritesSince(
  sandbox: Sandbox,
  before: Record<string, number>,
): string[] {
  return sandbox.fleetSpec.clusters.flatMap(c =>
    sandbox.fleet
      .cluster(c.name)!
      .store.changesSince(before[c.name])
      .filter(event => event.by !== undefined)
      .map(
        event =>
          `${c.name} ${event.type} ${event.resource} ${
            event.object.metadata.namespace ?? ''
          }/${event.object.metadata.name} by ${event.by}`,
      ),
  );
}

/** Every secret the sandbox handed out, to prove none leaks into logs or outputs. */
export function allTokens(sandbox: Sandbox): string[] {
  return Object.values(sandbox.credentials.kubernetes).flatMap(t => [
    t.admin,
    t.reader,
    ...Object.values(t.teams),
  ]);
}

/**
 * Runs an action while simulated time moves on, so that the sandbox's
 * controllers (gateway, cert-manager, storage, Cluster API) get to act.
 *
 * @public
 */
export async function whileTicking<T>(
  sandbox: Sandbox,
  work: Promise<T>,
  stepMs = 5_000,
): Promise<T> {
  let done = false;
  const ticking = (async () => {
    while (!done) {
      sandbox.clock.advance(stepMs);
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  })();
  try {
    return await work;
  } finally {
    done = true;
    await ticking;
  }
}
