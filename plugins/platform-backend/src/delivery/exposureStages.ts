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

// The change in front of users: its HTTPRoute and certificate, then its traffic.
import {
  ArgocdApplication,
  DeliveryStage,
} from '@platform-portal/plugin-platform-common';
import { DeliveryFacts, RouteFacts } from './deliveryFacts';
import { badFirst, firstOf, stage } from './deliveryStage';

/** A 5xx share above this on a cluster running the change fails the traffic stage. */
const ERROR_RATIO_LIMIT = 0.05;

function routeVerdict(
  bad: RouteFacts['conditions'],
  accepted: boolean,
): string {
  if (bad.length > 0) {
    return bad
      .map(
        c =>
          `${c.type}=${c.status} (${c.reason ?? ''}${
            c.message ? `: ${c.message}` : ''
          })`,
      )
      .join(', ');
  }
  return accepted ? 'accepted' : 'not accepted by any Gateway yet';
}

function certificateVerdict(
  cert: RouteFacts['certificates'][number],
  expired: boolean,
): string {
  if (expired) return `expired on ${cert.notAfter}`;
  if (cert.ready === 'True') return `valid until ${cert.notAfter ?? 'unknown'}`;
  return `not ready (${cert.reason ?? 'no Ready condition'}${
    cert.message ? `: ${cert.message}` : ''
  })`;
}

export function routeStage(
  facts: DeliveryFacts,
  running: ArgocdApplication[],
): DeliveryStage {
  const title = 'HTTPRoute and certificate';
  if (running.length === 0) {
    return stage('route', title, 'waiting', ['Waits for the deployment']);
  }
  const lines: Array<{ line: string; bad: boolean }> = [];
  let failed = false;
  let unknown = false;
  let routesSeen = 0;
  for (const cluster of [...new Set(running.map(a => a.instance))]) {
    const read = facts.routes.get(cluster);
    if (!read || !read.ok) {
      unknown = true;
      lines.push({
        line: `${cluster}: routes could not be read: ${
          read && !read.ok ? read.reason : 'not read'
        }`,
        bad: true,
      });
      continue;
    }
    for (const route of read.value) {
      routesSeen++;
      const bad = route.conditions.filter(
        c =>
          ['Accepted', 'ResolvedRefs'].includes(c.type) && c.status !== 'True',
      );
      const accepted = route.conditions.some(
        c => c.type === 'Accepted' && c.status === 'True',
      );
      if (bad.length > 0 || !accepted) failed = true;
      lines.push({
        bad: bad.length > 0 || !accepted,
        line: `${cluster}: HTTPRoute ${route.namespace}/${
          route.name
        } ${routeVerdict(bad, accepted)} for ${route.hostnames.join(', ')}`,
      });
      if (route.certificates.length === 0) {
        failed = true;
        lines.push({
          line: `${cluster}: no Certificate covers ${route.hostnames.join(
            ', ',
          )}`,
          bad: true,
        });
      }
      for (const cert of route.certificates) {
        const expired =
          cert.notAfter !== undefined && Date.parse(cert.notAfter) < Date.now();
        const valid = cert.ready === 'True' && !expired;
        if (!valid) failed = true;
        lines.push({
          bad: !valid,
          line: `${cluster}: Certificate ${cert.name} ${certificateVerdict(
            cert,
            expired,
          )}`,
        });
        if (cert.renewalFailure) {
          lines.push({
            line: `${cluster}: Certificate ${cert.name} renewal failing: ${cert.renewalFailure}`,
            bad: false,
          });
        }
      }
    }
  }
  if (routesSeen === 0 && !unknown) {
    return stage('route', title, 'done', [
      'Not exposed through the Gateway: no HTTPRoute routes to it',
    ]);
  }
  const status = firstOf([
    [failed, 'failed'],
    [unknown, 'unknown'],
  ]);
  return stage('route', title, status, badFirst(lines));
}

export function trafficStage(
  facts: DeliveryFacts,
  running: ArgocdApplication[],
  route: DeliveryStage,
): DeliveryStage {
  const title = 'Traffic and errors (Prometheus)';
  if (running.length === 0) {
    return stage('traffic', title, 'waiting', ['Waits for the deployment']);
  }
  if (route.evidence[0]?.startsWith('Not exposed')) {
    return stage('traffic', title, 'done', [
      'Takes no traffic from the Gateway, so no request metrics apply',
    ]);
  }
  if (!facts.traffic) {
    return stage('traffic', title, 'unknown', [
      'No namespace known: set backstage.io/kubernetes-namespace',
    ]);
  }
  if (!facts.traffic.ok) {
    return stage('traffic', title, 'unknown', [
      `Prometheus could not be read: ${facts.traffic.reason}`,
    ]);
  }
  const traffic = facts.traffic.value;
  const lines: Array<{ line: string; bad: boolean }> = [];
  let failed = false;
  let idle = false;
  for (const cluster of [...new Set(running.map(a => a.instance))]) {
    const t = traffic.find(x => x.cluster === cluster);
    if (!t || t.requestsPerSecond === 0) {
      idle = true;
      lines.push({
        line: `${cluster}: no requests in the last 5 minutes`,
        bad: true,
      });
      continue;
    }
    const ratio = t.errorsPerSecond / t.requestsPerSecond;
    if (ratio > ERROR_RATIO_LIMIT) failed = true;
    lines.push({
      line: `${cluster}: ${t.requestsPerSecond.toFixed(1)} req/s, ${(
        ratio * 100
      ).toFixed(1)}% 5xx`,
      bad: ratio > ERROR_RATIO_LIMIT,
    });
  }
  const status = firstOf([
    [failed, 'failed'],
    [idle, 'waiting'],
  ]);
  return stage('traffic', title, status, badFirst(lines));
}
