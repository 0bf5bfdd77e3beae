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
    /** What self-service scaffolder actions may create. */
    selfService?: {
      /** Hostnames of routes and certificates must sit below one of these domains. */
      allowedDomains?: string[];
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
  };
}
