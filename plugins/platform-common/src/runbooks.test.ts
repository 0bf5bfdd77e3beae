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

import { API_UNREACHABLE_RUNBOOKS } from './health';
import { LAYERS } from './layers';
import { getRunbook, RUNBOOKS } from './runbooks';

describe('runbooks', () => {
  it('has every runbook a layer refers to, each with steps', () => {
    for (const layer of LAYERS) {
      for (const id of layer.runbooks) {
        const runbook = getRunbook(id);
        expect(runbook).toBeDefined();
        expect(runbook!.steps.length).toBeGreaterThan(0);
      }
    }
  });

  // The order the guide gives, as what must happen before what: a runbook
  // that deletes before it looks, or joins before it has a token, misleads.
  it.each([
    ['remove-node', /kubectl cordon/, /kubectl drain/],
    ['remove-node', /kubectl drain/, /kubectl delete node/],
    ['add-worker-node', /kubeadm join/, /kubectl get nodes/],
    ['add-worker-node', /kubectl get nodes/, /kubectl label node/],
    [
      'certificate-renewal-stuck',
      /kubectl describe certificate/,
      /kubectl delete certificaterequest/,
    ],
    [
      'cilium-network-policy-drops',
      /kubectl get ciliumpolicies/,
      /kubectl delete ciliumpolicy/,
    ],
    ['argocd-sync-failure', /argocd app get/, /argocd app sync .*--force/],
    ['argocd-sync-failure', /argocd app diff/, /argocd app sync .*--force/],
    [
      'metallb-ip-not-assigned',
      /kubectl get pods -n metallb-system/,
      /kubectl get svc/,
    ],
    ['api-vip-failover', /ip -brief addr show/, /systemctl stop keepalived/],
  ])('%s: %s comes before %s', (id, before, after) => {
    // Commands in the order a person runs them: step by step, top to bottom.
    const commands = getRunbook(id)!.steps.flatMap(s => s.commands);
    const at = (command: RegExp) => commands.findIndex(c => command.test(c));
    expect(at(before)).toBeGreaterThanOrEqual(0);
    expect(at(after)).toBeGreaterThanOrEqual(0);
    expect(at(before)).toBeLessThan(at(after));
  });

  it('keeps the commands of each step with the step', () => {
    const stuck = getRunbook('certificate-renewal-stuck')!;
    expect(stuck.steps[1].text).toBe('Force re-issuance if stuck');
    expect(stuck.steps[1].commands).toEqual([
      'kubectl delete certificaterequest <request-name> -n <namespace>',
    ]);
  });

  it('gives every runbook a unique id', () => {
    expect(new Set(RUNBOOKS.map(r => r.id)).size).toBe(RUNBOOKS.length);
  });

  it('has runbooks for an unreachable API whose steps never need the API to answer', () => {
    for (const id of API_UNREACHABLE_RUNBOOKS) {
      const runbook = getRunbook(id);
      expect(runbook).toBeDefined();
      const commands = runbook!.steps.flatMap(step => step.commands);
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        expect({ id, command }).toEqual({
          id,
          command: expect.not.stringMatching(/\b(kubectl|argocd|helm)\b/),
        });
      }
    }
  });

  it('answers undefined for an unknown runbook', () => {
    expect(getRunbook('reboot-the-internet')).toBeUndefined();
  });
});
