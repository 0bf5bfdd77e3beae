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

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A Kubernetes object as a manifest declares it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  [key: string]: any;
}

/** The kustomization fields {@link renderKustomization} applies. */
const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'labels',
  'images',
]);

/** Kinds that have no namespace, so `namespace:` leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'ClusterIssuer',
  'GatewayClass',
  'CiliumClusterwideNetworkPolicy',
]);

/**
 * What `kubectl kustomize <dir>` renders, for the kustomization features our
 * manifests use: resources (files and nested kustomizations), namespace,
 * labels and images. Any other field fails, so a kustomization never
 * silently renders differently here than in Argo CD.
 */
export function renderKustomization(dir: string): Manifest[] {
  const kustomization = parse(
    readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
  );
  const unsupported = Object.keys(kustomization).filter(
    key => !SUPPORTED.has(key),
  );
  if (unsupported.length > 0) {
    throw new Error(
      `${dir}/kustomization.yaml: ${unsupported.join(', ')} not supported`,
    );
  }
  const manifests = (kustomization.resources as string[]).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      return renderKustomization(path);
    }
    return parseAllDocuments(readFileSync(path, 'utf8'))
      .map(doc => doc.toJS() as Manifest | null)
      .filter((m): m is Manifest => m !== null);
  });
  return manifests.map(m => transform(m, kustomization));
}

function transform(manifest: Manifest, kustomization: any): Manifest {
  const out: Manifest = structuredClone(manifest);
  if (kustomization.namespace && !CLUSTER_SCOPED.has(out.kind)) {
    out.metadata.namespace = kustomization.namespace;
  }
  for (const entry of kustomization.labels ?? []) {
    if (entry.includeSelectors) {
      throw new Error('labels.includeSelectors not supported');
    }
    out.metadata.labels = { ...out.metadata.labels, ...entry.pairs };
    if (entry.includeTemplates && out.spec?.template?.metadata) {
      out.spec.template.metadata.labels = {
        ...out.spec.template.metadata.labels,
        ...entry.pairs,
      };
    }
  }
  for (const image of kustomization.images ?? []) {
    for (const container of podContainers(out)) {
      const [name, tag] = splitImage(container.image);
      if (name === image.name) {
        const newName = image.newName ?? name;
        container.image = image.digest
          ? `${newName}@${image.digest}`
          : `${newName}:${image.newTag ?? tag}`;
      }
    }
  }
  return out;
}

function podContainers(manifest: Manifest): Array<{ image: string }> {
  const pod = manifest.spec?.template?.spec;
  return pod ? [...(pod.initContainers ?? []), ...pod.containers] : [];
}

/** `registry:5000/name:tag` into name and tag (the registry's port is not a tag). */
function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash
    ? [image.slice(0, colon), image.slice(colon + 1)]
    : [image, undefined];
}
