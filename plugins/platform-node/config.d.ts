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
  platform?: {
    /**
     * Where catalog entities may come from. Templates, Groups, Users, Systems
     * and kubernetes-cluster Resources are accepted only from trusted
     * locations (those in `catalog.locations`, these URL prefixes, and entity
     * providers); a location a user registers holds only entities owned by
     * the team its URL belongs to.
     */
    catalog?: {
      /**
       * URL prefixes of repositories the platform team controls, e.g. the
       * template repository `https://gitlab.example.com/platform/templates/`.
       * Each ends in `/`. Keep `catalog.rules` allowing Templates from the
       * same prefixes.
       */
      trustedLocations?: string[];
      /**
       * The team each GitLab group belongs to: a location registered under
       * `url` (ending in `/`) may only hold entities owned by `owner`, and a
       * template may only publish a team's repository into its group. The
       * longest matching prefix decides.
       */
      locationOwners?: Array<{
        /** e.g. `https://gitlab.example.com/team-payments/` */
        url: string;
        /** A group, e.g. `team-payments` or `group:default/team-payments`. */
        owner: string;
      }>;
    };
    /**
     * Requests made for a signed-in person carry `Impersonate-User` and
     * `Impersonate-Group`, so each cluster's API server applies that person's
     * own RBAC. The portal's account needs `impersonate` on `users` and
     * `groups` (deploy/cluster-access). Templates take `{kind}`,
     * `{namespace}` and `{name}` of the entity ref and must contain `{name}`.
     */
    impersonation?: {
      /**
       * The Kubernetes user of a person, from their user entity ref
       * (default `{name}`: `user:default/alice` is `alice`). Match the
       * username claim and prefix of the clusters' OIDC settings, e.g.
       * `oidc:{name}@example.com`.
       */
      user?: string;
      /**
       * The Kubernetes group of each group the person belongs to, from its
       * entity ref (default `{name}`: `group:default/team-payments` is
       * `team-payments`), e.g. `oidc:{name}` to match `--oidc-groups-prefix`.
       */
      group?: string;
      /**
       * Seconds the answer of an access review (SelfSubjectAccessReview as
       * the person) is reused for the same person, cluster, namespace, verb
       * and resource (default 60; 0 asks every time).
       */
      accessReviewCacheSeconds?: number;
    };
    /**
     * What self-service scaffolder actions may create. `allowedDomains`, the
     * domains route and certificate hostnames must sit below, is declared by
     * the frontend plugin (plugins/platform-frontend/config.d.ts), which
     * shows it in the browser.
     */
    selfService?: {
      /** ClusterIssuers teams may request certificates from. */
      issuers?: string[];
      /** The shared Gateway routes attach to. */
      gateway?: { namespace?: string; name?: string; sectionName?: string };
      /** Longhorn storage classes teams can choose, by replica count. */
      storageClasses?: Array<{ name: string; replicas: number }>;
      /** Largest volume in GiB. */
      maxVolumeGi?: number;
      /**
       * Where Applications are created, and the Argo CD UI for links;
       * `{cluster}` in `baseUrl` is replaced by the cluster's name, as in
       * `platform.upstreams.*.url`. `baseUrl` defaults to
       * `platform.upstreams.argocd.url`.
       */
      argocd?: { namespace?: string; baseUrl?: string };
      /** Namespace of Cluster API objects on management clusters (default clusters). */
      capiNamespace?: string;
      /**
       * The OIDC provider (Dex) the API servers of clusters created through
       * the portal trust. `issuerUrl` defaults to the issuer of
       * `auth.providers.oidc.<auth.environment>.metadataUrl`; `clientId` to
       * `kubernetes`.
       */
      clusterOidc?: { issuerUrl?: string; clientId?: string };
      /** How long actions wait for controllers, in seconds. */
      waitTimeoutSeconds?: number;
      /**
       * Deadline of each request an action sends to an API server, in
       * seconds (default 30).
       */
      requestTimeoutSeconds?: number;
      /** How often actions poll while waiting. */
      pollIntervalMs?: number;
    };
    clusters?: Array<{
      kubernetes: {
        /**
         * Bearer token the self-service scaffolder actions write with (team
         * namespaces, routes, certificates, volumes, Applications, Cluster API
         * objects). Falls back to `token` when absent.
         * @visibility secret
         */
        writeToken?: string;
        /** PEM of the CA of the API server's certificate. */
        caData?: string;
        /** Do not verify the API server's certificate (development only). */
        skipTLSVerify?: boolean;
      };
    }>;
  };
}
