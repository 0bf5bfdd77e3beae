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

import { HealthEvidence } from '@platform-portal/plugin-platform-common';
import { KINDS } from '../../health/checks/kinds';
import {
  conditionOf,
  evidence,
  KubeObject,
  outcome,
  refOf,
} from '../../health/checks/support';
import { BuildOutProbe } from './BuildOutProbe';

/** Step 21: a staging ACME ClusterIssuer is Ready (issuance is tried there first). */
const stagingIssuer: BuildOutProbe = {
  id: 'build-out.staging-issuer',
  step: 21,
  title: 'A staging ClusterIssuer is Ready',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.clusterIssuer,
    );
    const staging = items.filter(i =>
      /staging/.test(String(i.spec?.acme?.server ?? i.metadata?.name ?? '')),
    );
    const facts = staging.map(i =>
      evidence(
        refOf(i, 'ClusterIssuer'),
        'status.conditions[Ready]',
        conditionOf(i, 'Ready')?.status ?? 'missing',
        observedAt,
      ),
    );
    if (staging.length === 0) {
      return outcome(
        'critical',
        'No ClusterIssuer uses a staging ACME server',
        facts,
      );
    }
    const ready = staging.filter(
      i => conditionOf(i, 'Ready')?.status === 'True',
    );
    return ready.length
      ? outcome('ok', `${refOf(ready[0], 'ClusterIssuer')} is Ready`, facts)
      : outcome('critical', 'No staging ClusterIssuer is Ready', facts);
  },
};

/** Step 27: a Gateway terminates HTTPS with a certificate cert-manager keeps Ready. */
const gatewayHttps: BuildOutProbe = {
  id: 'build-out.gateway-https',
  step: 27,
  title: 'A Gateway serves HTTPS with a Ready certificate',
  async run({ kubernetes }) {
    const [gateways, certificates] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.gateway),
      kubernetes.list<KubeObject>(...KINDS.certificate),
    ]);
    const facts: HealthEvidence[] = [];
    let working = 0;
    for (const gateway of gateways.items) {
      for (const listener of gateway.spec?.listeners ?? []) {
        if (listener.protocol !== 'HTTPS') {
          continue;
        }
        const secret = listener.tls?.certificateRefs?.[0]?.name;
        const certificate = certificates.items.find(
          c =>
            c.metadata?.namespace === gateway.metadata?.namespace &&
            c.spec?.secretName === secret,
        );
        const ready = certificate
          ? conditionOf(certificate, 'Ready')?.status === 'True'
          : false;
        facts.push(
          evidence(
            `${refOf(gateway, 'Gateway')} listener ${listener.name}`,
            'certificate Ready',
            certificate
              ? `${refOf(certificate, 'Certificate')}: ${ready}`
              : `no Certificate writes Secret ${secret ?? '(none)'}`,
            certificates.observedAt,
          ),
        );
        if (ready) {
          working += 1;
        }
      }
    }
    if (facts.length === 0) {
      return outcome('critical', 'No Gateway has an HTTPS listener', facts);
    }
    return working > 0
      ? outcome(
          'ok',
          `${working} HTTPS listener(s) with a Ready certificate`,
          facts,
        )
      : outcome('critical', 'No HTTPS listener has a Ready certificate', facts);
  },
};

export const securityProbes: BuildOutProbe[] = [stagingIssuer, gatewayHttps];
