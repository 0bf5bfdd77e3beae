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

import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

/*
 * The stack's CustomResourceDefinitions as their upstream projects publish
 * them, read from the projects' own Go modules, which the Go module proxy
 * serves: `go mod download` puts each pinned version in the Go module cache
 * (outside the repository, checked against go.sum's database), so a fresh
 * clone needs nothing but Go and the proxy, and a warm run downloads nothing.
 *
 * Every CRD below is an upstream file, none is hand-written:
 * - Gateway API v1.6.3: config/crd/{standard,experimental} of
 *   sigs.k8s.io/gateway-api, with their CEL rules.
 * - cert-manager v1.21.2: deploy/crds of github.com/cert-manager/cert-manager.
 * - Cluster API v1.14.2: core/config/crd/bases and
 *   controlplane/kubeadm/config/crd/bases of sigs.k8s.io/cluster-api (the
 *   module's bases, without the conversion webhook kustomize adds: nothing
 *   here converts, and the portal writes only v1beta2).
 * - Cilium v1.20.2: pkg/k8s/apis/cilium.io/client/crds/v2 of
 *   github.com/cilium/cilium.
 * - Argo CD v3.6.2: manifests/crds of github.com/argoproj/argo-cd/v3. Its
 *   go.mod asks for a newer Go than the project's, so `go mod download`
 *   fetches and verifies the module's zip but does not unpack it; the files
 *   are read from the verified zip.
 * The `@kubernetes-models/*` packages ship compiled validators, not OpenAPI
 * schemas, so no CRD here comes from them. Longhorn is in neither: no served
 * module carries its CRDs and no `@kubernetes-models` package models it. The
 * volume action writes core PersistentVolumeClaims (Longhorn is their
 * StorageClass's provisioner), which the API server checks without a CRD.
 */

export interface CrdSource {
  module: string;
  version: string;
  /** Paths inside the module. */
  files: string[];
}

const GATEWAY_STANDARD = [
  'gatewayclasses',
  'gateways',
  'httproutes',
  'grpcroutes',
  'referencegrants',
  'backendtlspolicies',
  'listenersets',
  'tlsroutes',
];

/** Gateway API channel: standard, or experimental (a superset of standard's fields and kinds). */
export type GatewayChannel = 'standard' | 'experimental';

export function gatewayApiSource(channel: GatewayChannel): CrdSource {
  return {
    module: 'sigs.k8s.io/gateway-api',
    version: 'v1.6.3',
    files: [
      ...GATEWAY_STANDARD.map(
        kind => `config/crd/${channel}/gateway.networking.k8s.io_${kind}.yaml`,
      ),
      ...(channel === 'experimental'
        ? [
            'config/crd/experimental/gateway.networking.k8s.io_tcproutes.yaml',
            'config/crd/experimental/gateway.networking.k8s.io_udproutes.yaml',
            'config/crd/experimental/gateway.networking.x-k8s.io_xbackendtrafficpolicies.yaml',
            'config/crd/experimental/gateway.networking.x-k8s.io_xmeshes.yaml',
          ]
        : []),
    ],
  };
}

export const STACK_CRD_SOURCES: CrdSource[] = [
  {
    module: 'github.com/cert-manager/cert-manager',
    version: 'v1.21.2',
    files: [
      'deploy/crds/cert-manager.io_certificates.yaml',
      'deploy/crds/cert-manager.io_certificaterequests.yaml',
      'deploy/crds/cert-manager.io_issuers.yaml',
      'deploy/crds/cert-manager.io_clusterissuers.yaml',
    ],
  },
  {
    module: 'sigs.k8s.io/cluster-api',
    version: 'v1.14.2',
    files: [
      'core/config/crd/bases/cluster.x-k8s.io_clusters.yaml',
      'core/config/crd/bases/cluster.x-k8s.io_machinedeployments.yaml',
      'core/config/crd/bases/cluster.x-k8s.io_machinesets.yaml',
      'core/config/crd/bases/cluster.x-k8s.io_machines.yaml',
      'core/config/crd/bases/cluster.x-k8s.io_machinehealthchecks.yaml',
      'controlplane/kubeadm/config/crd/bases/controlplane.cluster.x-k8s.io_kubeadmcontrolplanes.yaml',
    ],
  },
  {
    module: 'github.com/cilium/cilium',
    version: 'v1.20.2',
    files: [
      'pkg/k8s/apis/cilium.io/client/crds/v2/ciliumnetworkpolicies.yaml',
      'pkg/k8s/apis/cilium.io/client/crds/v2/ciliumnodes.yaml',
    ],
  },
  {
    module: 'github.com/argoproj/argo-cd/v3',
    version: 'v3.6.2',
    files: [
      'manifests/crds/application-crd.yaml',
      'manifests/crds/appproject-crd.yaml',
    ],
  },
];

function goBinary(): string {
  for (const candidate of [process.env.GO, '/usr/local/go/bin/go']) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  return 'go';
}

interface Download {
  Dir?: string;
  Zip?: string;
  Error?: string;
}

/** The module version in the Go module cache, downloading it when missing. */
function download(source: CrdSource): Download {
  // Outside any module, so no go.mod of the repository takes part.
  const cwd = mkdtempSync(join(tmpdir(), 'stack-crds-'));
  try {
    const out = execFileSync(
      goBinary(),
      ['mod', 'download', '-json', `${source.module}@${source.version}`],
      {
        cwd,
        env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 300_000,
        maxBuffer: 1 << 20,
      },
    );
    return JSON.parse(out) as Download;
  } catch (error) {
    // A module that needs a newer Go: exit 1, yet the zip is verified and cached.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) {
      const parsed = JSON.parse(stdout) as Download;
      if (parsed.Zip) return parsed;
      throw new Error(
        `go mod download ${source.module}@${source.version}: ${parsed.Error}`,
      );
    }
    throw error;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * One file of a module zip as the Go module cache keeps it (stored or
 * deflated entries, no zip64: Go writes module zips so), read with zlib.
 */
function readZipEntry(zipFile: string, entry: string): string {
  const zip = readFileSync(zipFile);
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error(`${zipFile} is not a zip file`);
  const entries = zip.readUInt16LE(endOfDirectory + 10);
  let at = zip.readUInt32LE(endOfDirectory + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entry) {
      const dataStart =
        localHeader +
        30 +
        zip.readUInt16LE(localHeader + 26) +
        zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${entry} is not in ${zipFile}`);
}

function readModuleFile(
  source: CrdSource,
  module: Download,
  file: string,
): string {
  if (module.Dir) return readFileSync(join(module.Dir, file), 'utf8');
  return readZipEntry(
    module.Zip!,
    `${source.module}@${source.version}/${file}`,
  );
}

export interface Crd {
  apiVersion: string;
  kind: 'CustomResourceDefinition';
  metadata: { name: string; annotations?: Record<string, string> };
  spec: any;
}

/** The CRDs of the sources, each labelled with the module version it came from. */
export function loadCrds(sources: CrdSource[]): Crd[] {
  const crds: Crd[] = [];
  for (const source of sources) {
    const module = download(source);
    for (const file of source.files) {
      for (const doc of parseAllDocuments(
        readModuleFile(source, module, file),
      )) {
        const crd = doc.toJS() as Crd | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        crd.metadata.annotations = {
          ...crd.metadata.annotations,
          'platform-portal.io/crd-source': `${source.module}@${source.version}/${file}`,
        };
        crds.push(crd);
      }
    }
  }
  return crds;
}
