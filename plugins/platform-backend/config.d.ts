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

export interface Config {
  /** Configuration of the platform plugins. */
  platform?: {
    /**
     * Set when the portal talks to platform-sandbox, the simulated fleet. The
     * portal then says so in a banner on every platform page.
     */
    sandbox?: {
      /** @visibility frontend */
      enabled: boolean;
      /** URL of the sandbox control API, used by tests and benchmarks only. */
      controlUrl?: string;
      /** Base URL of the simulated upstream APIs. */
      apiUrl?: string;
      /** Base URL of each simulated upstream, by upstream id. */
      upstreams?: { [upstream: string]: string };
      /**
       * Clusters whose Kubernetes API is a real control plane, not the
       * sandbox's (PLATFORM_REAL_CLUSTERS=N make start); the banner names them.
       */
      realKubernetes?: string[];
    };
    /**
     * Upstreams outside the clusters that the health engine reads. A layer
     * whose upstream is not configured is reported `unknown` with the key to set.
     */
    upstreams?: {
      /** HAProxy stats of each cluster's external load balancer. */
      haproxy?: {
        /** Stats base URL; `{cluster}` is replaced by the cluster name. `/stats;csv` is appended. */
        url: string;
      };
      /** Keepalived state of each cluster's load-balancer pair. */
      keepalived?: {
        /** Base URL; `{cluster}` is replaced by the cluster name. `/nodes` is appended. */
        url: string;
      };
      /**
       * Dex, the identity layer: when set, the identity layer also reads its
       * discovery document and `/healthz` over HTTP.
       */
      dex?: {
        /**
         * Dex's issuer URL as people's browsers reach it; `{cluster}` is
         * replaced by the cluster name. `/.well-known/openid-configuration`
         * and `/healthz` are appended.
         */
        url: string;
      };
      /** Nexus Repository 3, shared by every cluster. */
      nexus?: {
        /** Base URL; `/service/rest/v1/...` is appended. */
        url: string;
        /** User for HTTP Basic auth. */
        username?: string;
        /**
         * Password for HTTP Basic auth.
         * @visibility secret
         */
        password?: string;
      };
      /** GitLab, for its runners. */
      gitlab?: {
        /** Instance URL; `/api/v4/...` is appended. */
        url: string;
        /**
         * Token with admin read access (to list every runner), sent as PRIVATE-TOKEN.
         * @visibility secret
         */
        token?: string;
      };
      /** Prometheus, or Mimir with its `/prometheus` prefix. */
      prometheus?: {
        /** Base URL; `/api/v1/query` is appended. */
        url: string;
        /** Mimir tenant, sent as X-Scope-OrgID. */
        tenant?: string;
        /**
         * Bearer token, when the endpoint needs one.
         * @visibility secret
         */
        token?: string;
      };
      /** Grafana; the catalog links each cluster to its dashboards. */
      grafana?: {
        /** Base URL of Grafana. */
        url: string;
        /**
         * Service-account token.
         * @visibility secret
         */
        token?: string;
      };
      /** Argo CD of each cluster; the catalog links each cluster to it. */
      argocd?: {
        /** Base URL; `{cluster}` is replaced by the cluster name. */
        url: string;
        /**
         * API token.
         * @visibility secret
         */
        token?: string;
        /** User for a session login. */
        username?: string;
        /**
         * Password for a session login.
         * @visibility secret
         */
        password?: string;
      };
      /** Alertmanager. */
      alertmanager?: {
        /** Base URL; `/api/v2/alerts` is appended. */
        url: string;
      };
    };
    /**
     * Which team owns which upstream object. The portal acts on upstreams
     * with its own credentials, so catalog annotations only select objects:
     * an entity page shows the objects owned here by the entity's owner group
     * (to members of that group and of the platform teams), and a sync,
     * rollback or remediation needs the user in the owning group (or a
     * platform team, `permission.platformPolicy.platformTeams`). An object
     * listed nowhere belongs to the platform teams only. Owners are Group
     * refs (`group:default/team-payments`, or `team-payments`).
     */
    ownership?: {
      /** Argo CD projects, on every instance. */
      argocdProjects?: Array<{
        /** The AppProject name. */
        project: string;
        /** The owning group. */
        owner: string;
      }>;
      /** GitLab groups: a project belongs to the owner of its nearest listed group. */
      gitlabGroups?: Array<{
        /** The group's full path, e.g. `team-payments` or `platform/apps`. */
        group: string;
        /** The owning group. */
        owner: string;
      }>;
      /** Nexus components, by repository and name. */
      nexus?: Array<{
        /** The repository, e.g. `docker-hosted`. */
        repository: string;
        /** A component name, or a prefix of names when it ends in `/` (e.g. `team-payments/`). */
        path: string;
        /** The owning group. */
        owner: string;
      }>;
    };
    /** Entity pages (Nexus, GitLab, Grafana and ArgoCD cards). */
    entityPages?: {
      /**
       * Seconds an upstream answer is shared by every viewer of an entity
       * page before it is read again (default 30).
       */
      cacheTtlSeconds?: number;
    };
    /** How upstreams are called. */
    clients?: {
      /** Deadline of one call, in milliseconds (default 10000). */
      timeoutMs?: number;
      /** Extra attempts for reads after a transient failure (default 2). */
      maxRetries?: number;
      /** Consecutive failures that open an upstream's circuit for one cluster (default 5). */
      breakerFailures?: number;
      /** Seconds an open circuit rejects calls before trying again (default 30). */
      halfOpenAfterSeconds?: number;
      /** A longer upstream answer is refused instead of buffered, in bytes (default 33554432, 32 MiB). */
      maxResponseBytes?: number;
      /** Pages of one Kubernetes list followed before it is refused as endless (default 200, of 500 objects each). */
      maxListPages?: number;
    };
    /**
     * Backup posture: how old the latest successful backup may be before the
     * provisioning (etcd) and storage (Longhorn) layers report it.
     */
    backup?: {
      /** Hours since the latest successful etcd snapshot (default 26). */
      etcdMaxAgeHours?: number;
      /** Hours since each Longhorn volume's latest completed backup (default 26). */
      volumeMaxAgeHours?: number;
    };
    /** Build-out readiness. */
    readiness?: {
      /** Seconds the build-out probes' results are reused between page views (default 15). */
      probeCacheSeconds?: number;
    };
    /**
     * Alertmanager's webhook (`POST /api/platform/alerts`): a firing or
     * resolved alert re-checks the layers its labels name, at once.
     */
    alerts?: {
      webhook?: {
        /**
         * Shared secret Alertmanager sends as `Authorization: Bearer <secret>`
         * (`http_config.authorization.credentials` of its webhook receiver),
         * at least 16 characters. Without it the route answers 404.
         * @visibility secret
         */
        secret?: string;
        /** The alert label naming the cluster (default `cluster`). */
        clusterLabel?: string;
        /** The alert label naming the layer (default `layer`). */
        layerLabel?: string;
        /** Layer of alerts without the layer label, by `alertname`. */
        alertLayers?: { [alertname: string]: string };
      };
    };
    /** The health engine's refresh. */
    health?: {
      /**
       * Seconds between polls of the whole fleet (default 240 with watches
       * on, when the poll is the safety net for what they miss; 60 without).
       */
      refreshIntervalSeconds?: number;
      /**
       * Change-driven refresh: informers (list, then watch with bookmarks)
       * on the kinds behind the layers that fail most; a change re-evaluates
       * only the layers that read its kind.
       */
      watch?: {
        /** Watch the clusters (default true). */
        enabled?: boolean;
        /** Watch connections to one cluster's API server, one per kind (default 10). */
        maxConnectionsPerCluster?: number;
        /** Watch connections over the whole fleet; kinds beyond it are left to the poll (default 2000). */
        maxConnections?: number;
        /** Changes of one cluster within this many milliseconds make one re-evaluation (default 250). */
        debounceMs?: number;
        /** A watch silent this long (no event, no bookmark) is dropped and resumed (default 90). */
        idleTimeoutSeconds?: number;
        /** Seconds the API server is asked to keep a watch open before it is resumed (default 300). */
        watchTimeoutSeconds?: number;
        /** Longest wait between reconnects of a failing watch (default 30). */
        maxBackoffSeconds?: number;
        /** Seconds before a kind the cluster does not serve is asked for again (default 600). */
        notServedRetrySeconds?: number;
      };
      /** Clusters refreshed at the same time (default 32). */
      concurrency?: number;
      /** Checks running at the same time on one cluster (default 8). */
      perClusterConcurrency?: number;
      /** Upstream requests of a refresh in flight at once, over the whole fleet (default 64). */
      maxRequestsInFlight?: number;
      /** Upstream requests of a refresh in flight at once on one cluster (default 4). */
      maxRequestsInFlightPerCluster?: number;
      /** Results older than this many seconds are served as stale (default 300). */
      staleAfterSeconds?: number;
      /** Days of verdict-change history kept per cluster (default 90). */
      historyDays?: number;
    };
    /**
     * Clusters the portal watches. Cluster API workload clusters are also
     * discovered from the management clusters listed here.
     */
    clusters?: Array<{
      /** Unique cluster name, a DNS-1123 label. */
      name: string;
      /** How the cluster was made. */
      provisioner: 'cluster-api' | 'kubeadm' | 'rke2';
      /** e.g. production, staging, development, management. */
      environment?: string;
      /** Region or data centre, for filtering. */
      region?: string;
      /** True for a Cluster API management cluster. */
      management?: boolean;
      /** For Cluster API workload clusters: the management cluster's name. */
      managementCluster?: string;
      /** How the portal reaches the cluster's Kubernetes API server. */
      kubernetes: {
        /** Base URL of the API server. */
        url: string;
        /**
         * Bearer token of the portal's service account on this cluster.
         * @visibility secret
         */
        token?: string;
      };
    }>;
  };
}
