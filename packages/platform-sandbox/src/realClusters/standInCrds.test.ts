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

import { Crd } from './stackCrds';
import { standInCrds } from './standInCrds';

const upstream = (name: string): Crd => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: {},
});

describe('standInCrds', () => {
  it('defines the custom kinds no upstream CRD covers, and nothing the API server or upstream serves', () => {
    const crds = standInCrds([upstream('applications.argoproj.io')]);
    const byName = new Map(crds.map(crd => [crd.metadata.name, crd]));

    expect(byName.get('volumes.longhorn.io')?.spec).toMatchObject({
      group: 'longhorn.io',
      scope: 'Namespaced',
      names: { kind: 'Volume', plural: 'volumes', listKind: 'VolumeList' },
      versions: [
        {
          name: 'v1beta2',
          served: true,
          storage: true,
          subresources: { status: {} },
        },
      ],
    });
    expect(byName.get('ipaddresspools.metallb.io')).toBeDefined();
    expect(byName.get('etcdsnapshotfiles.k3s.cattle.io')?.spec.scope).toBe(
      'Cluster',
    );
    // The scale subresource where the sandbox serves one.
    expect(
      byName.get('rke2controlplanes.controlplane.cluster.x-k8s.io')?.spec
        .versions[0].subresources.scale,
    ).toEqual({
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
    });
    // One storage version among several served.
    expect(
      byName
        .get('rke2controlplanes.controlplane.cluster.x-k8s.io')
        ?.spec.versions.filter((v: { storage: boolean }) => v.storage),
    ).toHaveLength(1);
    for (const absent of [
      'applications.argoproj.io',
      'deployments.apps',
      'httproutes.gateway.networking.k8s.io',
      'nodes.metrics.k8s.io',
      'selfsubjectaccessreviews.authorization.k8s.io',
    ]) {
      expect(byName.has(absent)).toBe(false);
    }
  });
});
