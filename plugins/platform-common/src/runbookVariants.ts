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

import type * as Api from './schema/openapi/generated/models';

/** How a cluster was built, which decides some runbook commands. @public */
export type Provisioner = Api.Provisioner;

/** A runbook step as it reads on clusters of one provisioner. @public */
export interface RunbookStepVariant {
  text?: string;
  commands: string[];
}

/**
 * Steps of the platform guide's runbooks that differ by provisioner, by
 * runbook id and step number (from 1); every other step reads the same on
 * every cluster.
 *
 * @public
 */
export const RUNBOOK_STEP_VARIANTS: Readonly<
  Record<
    string,
    Record<number, Partial<Record<Provisioner, RunbookStepVariant>>>
  >
> = {
  'add-worker-node': {
    1: {
      'cluster-api': {
        text: 'The infrastructure provider creates the machine from the MachineDeployment’s template; check that the template has the required specs',
        commands: [
          'kubectl --context <management-cluster> -n <capi-namespace> get machinedeployment <machine-deployment> -o jsonpath="{.spec.template.spec.infrastructureRef}"',
        ],
      },
    },
    2: {
      rke2: {
        text: 'Install OS and prerequisites (open-iscsi; RKE2 brings its own containerd)',
        commands: [],
      },
      'cluster-api': {
        text: 'The machine image carries the OS and prerequisites (containerd, open-iscsi)',
        commands: [],
      },
    },
    3: {
      kubeadm: {
        text: 'Print a join command on a control-plane node and run it on the new node',
        commands: [
          'ssh <control-plane-node> sudo kubeadm token create --print-join-command',
          'ssh <new-node> sudo kubeadm join <control-plane-endpoint>:6443 --token <token> --discovery-token-ca-cert-hash sha256:<hash>',
        ],
      },
      rke2: {
        text: 'Install the RKE2 agent on the new node, point it at a server with the cluster token, and start it',
        commands: [
          'ssh <new-node> "curl -sfL https://get.rke2.io | sudo INSTALL_RKE2_TYPE=agent sh -"',
          'ssh <new-node> "sudo mkdir -p /etc/rancher/rke2 && printf \'server: https://<control-plane-endpoint>:9345\\ntoken: <token>\\n\' | sudo tee /etc/rancher/rke2/config.yaml"',
          'ssh <new-node> sudo systemctl enable --now rke2-agent.service',
        ],
      },
      'cluster-api': {
        text: 'Scale the MachineDeployment on the management cluster up by one; Cluster API creates the machine and joins it',
        commands: [
          'kubectl --context <management-cluster> -n <capi-namespace> get machinedeployment <machine-deployment> -o jsonpath="{.spec.replicas}"',
          'kubectl --context <management-cluster> -n <capi-namespace> scale machinedeployment <machine-deployment> --replicas=<replicas + 1>',
          'kubectl --context <management-cluster> -n <capi-namespace> get machines -l cluster.x-k8s.io/deployment-name=<machine-deployment> -w',
        ],
      },
    },
  },
  'remove-node': {
    3: {
      rke2: {
        text: 'Stop RKE2 on the node if it still answers, then remove it from the cluster',
        commands: [
          'ssh <failed-node> sudo /usr/local/bin/rke2-killall.sh',
          'kubectl delete node <failed-node>',
        ],
      },
      'cluster-api': {
        text: 'Delete the node’s Machine on the management cluster; its MachineDeployment creates a replacement',
        commands: [
          'kubectl --context <management-cluster> -n <capi-namespace> get machines -l cluster.x-k8s.io/cluster-name=<cluster> -o wide',
          'kubectl --context <management-cluster> -n <capi-namespace> delete machine <machine>',
        ],
      },
    },
    5: {
      kubeadm: {
        text: 'Provision a replacement and join it with a fresh token',
        commands: [
          'ssh <control-plane-node> sudo kubeadm token create --print-join-command',
        ],
      },
      rke2: {
        text: 'Provision a replacement and install the RKE2 agent on it',
        commands: [
          'ssh <new-node> "curl -sfL https://get.rke2.io | sudo INSTALL_RKE2_TYPE=agent sh -"',
          'ssh <new-node> sudo systemctl enable --now rke2-agent.service',
        ],
      },
      'cluster-api': {
        text: 'Watch the replacement Machine join (nothing to provision by hand)',
        commands: [
          'kubectl --context <management-cluster> -n <capi-namespace> get machines -l cluster.x-k8s.io/cluster-name=<cluster> -w',
        ],
      },
    },
  },
  'control-plane-down': {
    1: {
      rke2: {
        text: 'On each server node, check the rke2-server service and the static pods',
        commands: [
          'ssh <control-plane-node> sudo systemctl status rke2-server',
          'ssh <control-plane-node> sudo /var/lib/rancher/rke2/bin/crictl --runtime-endpoint unix:///run/k3s/containerd/containerd.sock ps -a --name "kube-apiserver|etcd"',
        ],
      },
      'cluster-api': {
        text: 'Ask the management cluster what it sees of the control plane, then check the static pods on each control-plane machine',
        commands: [
          'kubectl --context <management-cluster> -n <capi-namespace> get kubeadmcontrolplane -l cluster.x-k8s.io/cluster-name=<cluster> -o wide',
          'kubectl --context <management-cluster> -n <capi-namespace> get machines -l cluster.x-k8s.io/control-plane,cluster.x-k8s.io/cluster-name=<cluster>',
          'ssh <control-plane-node> sudo crictl ps -a --name "kube-apiserver|etcd"',
        ],
      },
    },
    3: {
      rke2: {
        text: 'Check etcd quorum (RKE2 keeps etcd’s certificates under its own data directory)',
        commands: [
          'ssh <control-plane-node> sudo ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/var/lib/rancher/rke2/server/tls/etcd/server-ca.crt --cert=/var/lib/rancher/rke2/server/tls/etcd/server-client.crt --key=/var/lib/rancher/rke2/server/tls/etcd/server-client.key endpoint health --cluster',
        ],
      },
    },
    4: {
      rke2: {
        text: 'Check the control-plane certificates and the API server log',
        commands: [
          'ssh <control-plane-node> sudo rke2 certificate check --output table',
          'ssh <control-plane-node> sudo /var/lib/rancher/rke2/bin/crictl --runtime-endpoint unix:///run/k3s/containerd/containerd.sock logs --tail 100 $(sudo /var/lib/rancher/rke2/bin/crictl --runtime-endpoint unix:///run/k3s/containerd/containerd.sock ps -a -q --name kube-apiserver | head -1)',
        ],
      },
    },
  },
};
