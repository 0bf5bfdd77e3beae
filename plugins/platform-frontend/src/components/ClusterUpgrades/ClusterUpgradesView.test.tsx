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

import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { UpgradeReport } from '@platform-portal/plugin-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { platformApiRef } from '../../api/PlatformApi';
import { ClusterUpgradesView, laterMinors } from './ClusterUpgradesView';

const report = (target: string): UpgradeReport => ({
  cluster: 'staging-1',
  provisioner: 'cluster-api',
  currentVersion: 'v1.32.8',
  target,
  observedAt: '2026-12-07T10:00:00Z',
  blockers: [
    {
      id: 'drain-blocked:payments/payments-api',
      kind: 'drain-blocked',
      severity: 'blocker',
      title: 'PodDisruptionBudget payments/payments-api allows no disruption',
      message: 'It selects 3 pods and allows 0 disruptions.',
      evidence: [
        {
          object: 'PodDisruptionBudget payments/payments-api',
          field: 'status.disruptionsAllowed',
          value: '0',
        },
      ],
      runbook: ['Ask the owners of payments to allow one disruption.'],
      source: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    },
  ],
  warnings: [],
  plan: {
    provisioner: 'cluster-api',
    summary: 'The control plane, then 1 MachineDeployment(s), on mgmt.',
    steps: [
      {
        order: 1,
        title: `KubeadmControlPlane clusters/staging-1-control-plane: v1.32.8 → v${target}.<patch>`,
        commands: [
          'kubectl --context mgmt -n clusters patch kubeadmcontrolplane staging-1-control-plane',
        ],
      },
      {
        order: 2,
        title: 'MachineDeployment clusters/staging-1-md-0',
        commands: [
          'kubectl --context mgmt -n clusters patch machinedeployment staging-1-md-0',
        ],
      },
    ],
  },
  notChecked: ['Backup age: not weighed here.'],
});

describe('ClusterUpgradesView', () => {
  it('shows the blockers with their evidence and runbook, and the plan in order; picking a version asks again', async () => {
    const getClusterUpgrade = jest.fn(
      async (_cluster: string, target?: string) => report(target ?? '1.33'),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[platformApiRef, { getClusterUpgrade } as any]]}>
        <ClusterUpgradesView cluster="staging-1" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Upgrade staging-1 to Kubernetes 1.33'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 blocker: the upgrade to 1.33 waits/),
    ).toBeInTheDocument();
    const evidence = screen.getByRole('table', {
      name: /Evidence: PodDisruptionBudget/,
    });
    expect(
      within(evidence).getByText('status.disruptionsAllowed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Ask the owners of payments to allow one disruption.'),
    ).toBeInTheDocument();
    const steps = within(
      screen.getByRole('list', { name: 'Upgrade steps' }),
    ).getAllByRole('listitem');
    expect(steps.map(s => s.querySelector('h3')?.textContent)).toEqual([
      'KubeadmControlPlane clusters/staging-1-control-plane: v1.32.8 → v1.33.<patch>',
      'MachineDeployment clusters/staging-1-md-0',
    ]);
    expect(
      screen.getByText('Backup age: not weighed here.'),
    ).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Target version'));
    fireEvent.click(await screen.findByRole('option', { name: '1.34' }));
    await waitFor(() =>
      expect(getClusterUpgrade).toHaveBeenLastCalledWith('staging-1', '1.34'),
    );
    expect(
      await screen.findByText('Upgrade staging-1 to Kubernetes 1.34'),
    ).toBeInTheDocument();
  });

  it('says why when the planner cannot answer', async () => {
    const getClusterUpgrade = jest.fn(async () => {
      throw new Error(
        'Cannot plan an upgrade of cluster staging-1: connection refused',
      );
    });
    await renderInTestApp(
      <TestApiProvider apis={[[platformApiRef, { getClusterUpgrade } as any]]}>
        <ClusterUpgradesView cluster="staging-1" />
      </TestApiProvider>,
    );
    expect(await screen.findByText(/connection refused/)).toBeInTheDocument();
  });

  it('offers the next three minors', () => {
    expect(laterMinors('v1.32.8')).toEqual(['1.33', '1.34', '1.35']);
    expect(laterMinors('not a version')).toEqual([]);
  });
});
