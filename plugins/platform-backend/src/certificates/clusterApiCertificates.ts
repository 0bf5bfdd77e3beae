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

import { FleetCertificate } from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { KINDS } from '../health/checks/kinds';
import { KubeObject, toTime } from '../health/checks/support';

const DAY = 24 * 3600 * 1000;
const MACHINE: [string, string] = ['cluster.x-k8s.io/v1beta2', 'Machine'];
const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

/** Below this many days a control-plane machine that no rollout will replace is a finding. */
export const MACHINE_CERTIFICATE_FINDING_DAYS = 14;

/** What a management cluster holds of its workload clusters' control planes. */
export interface ManagementObjects {
  machines: KubeObject[];
  controlPlanes: KubeObject[];
}

/**
 * KubeadmControlPlane's certificatesExpiryDays: v1beta2 keeps it under
 * spec.rollout.before, v1beta1 under spec.rolloutBefore.
 */
export function rolloutBeforeDays(
  controlPlane: KubeObject,
): number | undefined {
  const spec = controlPlane.spec as
    | {
        rollout?: { before?: { certificatesExpiryDays?: number } };
        rolloutBefore?: { certificatesExpiryDays?: number };
      }
    | undefined;
  const days =
    spec?.rollout?.before?.certificatesExpiryDays ??
    spec?.rolloutBefore?.certificatesExpiryDays;
  return typeof days === 'number' && days > 0 ? days : undefined;
}

interface OwnerReference {
  kind?: string;
  name?: string;
  controller?: boolean;
}

function ownerControlPlane(machine: KubeObject): string | undefined {
  const owners = (machine.metadata as { ownerReferences?: OwnerReference[] })
    ?.ownerReferences;
  return owners?.find(
    o => o.kind === 'KubeadmControlPlane' && o.controller !== false,
  )?.name;
}

function finding(
  machine: string,
  daysLeft: number,
  controlPlane: string,
  management: string,
): FleetCertificate['finding'] {
  return {
    message: `Machine ${machine}'s control-plane certificates expire in ${daysLeft} days and KubeadmControlPlane ${controlPlane} sets no rollout before expiry, so Cluster API will not replace the machine in time.`,
    runbook: [
      `On management cluster ${management}, set spec.rollout.before.certificatesExpiryDays (v1beta1: spec.rolloutBefore.certificatesExpiryDays; at least 7, e.g. 21) on KubeadmControlPlane ${controlPlane}: it then replaces every control-plane machine whose certificates expire within that many days.`,
      `Or roll the control plane now: clusterctl alpha rollout restart kubeadmcontrolplane/${
        controlPlane.split('/')[1]
      } -n ${
        controlPlane.split('/')[0]
      } (or the cluster's upgrade), which replaces each control-plane machine with new certificates.`,
      'kubeadm certs renew does not apply: Cluster API replaces machines rather than renewing their certificates in place, and would undo a change made on a node.',
    ],
  };
}

/**
 * The control-plane certificates of a Cluster API workload cluster, from the
 * status.certificatesExpiryDate of its Machines that a KubeadmControlPlane
 * owns (upstream sets it on control-plane machines only). A machine is
 * renewing when its KubeadmControlPlane rolls machines out before expiry.
 */
export function controlPlaneMachineCertificates(
  cluster: string,
  management: string,
  objects: ManagementObjects,
  now: Date,
): FleetCertificate[] {
  const belongs = (o: KubeObject) =>
    o.metadata?.labels?.[CLUSTER_NAME_LABEL] === cluster;
  const controlPlanes = new Map(
    objects.controlPlanes
      .filter(belongs)
      .map(kcp => [
        `${kcp.metadata?.namespace}/${kcp.metadata?.name}`,
        rolloutBeforeDays(kcp),
      ]),
  );
  const certificates: FleetCertificate[] = [];
  for (const machine of objects.machines.filter(belongs)) {
    const owner = ownerControlPlane(machine);
    const notAfter = toTime(
      (machine.status as { certificatesExpiryDate?: string } | undefined)
        ?.certificatesExpiryDate,
    );
    if (!owner || notAfter === undefined) continue;
    const controlPlane = `${machine.metadata?.namespace}/${owner}`;
    const rolloutDays = controlPlanes.get(controlPlane);
    const daysLeft = Math.floor((notAfter - now.getTime()) / DAY);
    const name = machine.metadata?.name ?? '';
    certificates.push({
      cluster,
      source: 'cluster-api-machine',
      name,
      namespace: machine.metadata?.namespace,
      notAfter: new Date(notAfter).toISOString(),
      daysLeft,
      renewing: rolloutDays !== undefined,
      managementCluster: management,
      controlPlane,
      ...(rolloutDays !== undefined ? { rolloutBeforeDays: rolloutDays } : {}),
      ...(rolloutDays === undefined &&
      daysLeft < MACHINE_CERTIFICATE_FINDING_DAYS
        ? { finding: finding(name, daysLeft, controlPlane, management) }
        : {}),
    });
  }
  return certificates;
}

/**
 * Reads each management cluster's Machines and KubeadmControlPlanes once per
 * pass, however many workload clusters it holds.
 */
export class ManagementClusterReads {
  private readonly reads = new Map<string, Promise<ManagementObjects>>();

  constructor(private readonly clients: UpstreamClients) {}

  /** The cluster's control-plane machine certificates, or why they could not be read. */
  async certificates(
    cluster: Pick<
      ConfiguredCluster,
      'name' | 'provisioner' | 'managementCluster'
    >,
    now: Date,
  ): Promise<{ certificates: FleetCertificate[]; errors: string[] }> {
    const management = cluster.managementCluster;
    if (cluster.provisioner !== 'cluster-api' || !management) {
      return { certificates: [], errors: [] };
    }
    try {
      const objects = await this.read(management);
      return {
        certificates: controlPlaneMachineCertificates(
          cluster.name,
          management,
          objects,
          now,
        ),
        errors: [],
      };
    } catch (error) {
      return {
        certificates: [],
        errors: [
          `Cluster API Machines on ${management}: ${(error as Error).message}`,
        ],
      };
    }
  }

  private read(management: string): Promise<ManagementObjects> {
    let read = this.reads.get(management);
    if (!read) {
      const reader = this.clients.kubernetes(management);
      read = reader
        ? Promise.all([
            reader.list<KubeObject>(...MACHINE),
            reader.list<KubeObject>(...KINDS.kubeadmControlPlane),
          ]).then(([machines, controlPlanes]) => ({
            machines: machines.items,
            controlPlanes: controlPlanes.items,
          }))
        : Promise.reject(
            new Error(`no Kubernetes API is configured for ${management}`),
          );
      this.reads.set(management, read);
    }
    return read;
  }
}
