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

import { argocdSelectionOf } from './argocdSelection';
import { parseImage } from './clusterWorkloads';
import { parseDashboardSelector } from './dashboardSelector';
import { parseLabelSelector } from './labelSelector';

describe('selectors the entity annotations carry', () => {
  it('matches Kubernetes label selectors: equality, inequality, sets and existence', () => {
    const matches = parseLabelSelector(
      'app=web, tier in (front, edge),!legacy,team',
    );
    expect(matches({ app: 'web', tier: 'edge', team: 'a' })).toBe(true);
    expect(matches({ app: 'web', tier: 'back', team: 'a' })).toBe(false);
    expect(matches({ app: 'web', tier: 'edge', team: 'a', legacy: 'x' })).toBe(
      false,
    );
    expect(matches({ app: 'web', tier: 'edge' })).toBe(false);
    expect(
      parseLabelSelector('service!=payments-api')({ service: 'orders' }),
    ).toBe(true);
    expect(() => parseLabelSelector('a b c')).toThrow(
      /Invalid label selector 'a b c'/,
    );
  });

  it('reads the community grafana/dashboard-selector: a tag or an expression', () => {
    const dashboard = (title: string, tags: string[]) => ({
      title,
      tags,
      url: `/d/${title}`,
    });
    expect(
      parseDashboardSelector('payments-api')(dashboard('x', ['payments-api'])),
    ).toBe(true);
    expect(
      parseDashboardSelector('payments-api')(dashboard('x', ['orders'])),
    ).toBe(false);
    const expr = parseDashboardSelector(
      "(tags @> 'payments-api' || tags @> 'payments') && title != 'Old'",
    );
    expect(expr(dashboard('New', ['payments']))).toBe(true);
    expect(expr(dashboard('Old', ['payments']))).toBe(false);
    expect(expr(dashboard('New', ['orders']))).toBe(false);
    expect(() => parseDashboardSelector("tags @> 'x' &&")).toThrow(
      /grafana\/dashboard-selector/,
    );
    expect(() => parseDashboardSelector("owner == 'x'")).toThrow(
      /expected one of/,
    );
  });

  it('splits image references into repository and tag', () => {
    expect(
      parseImage('registry.example.internal/team-payments/payments-api:1.5.0'),
    ).toEqual({
      repository: 'team-payments/payments-api',
      tag: '1.5.0',
    });
    expect(parseImage('localhost:5000/app@sha256:abc')).toEqual({
      repository: 'app',
      tag: undefined,
    });
    expect(parseImage('team/app:2.0.0@sha256:abc')).toEqual({
      repository: 'team/app',
      tag: '2.0.0',
    });
    expect(parseImage('nginx')).toEqual({
      repository: 'nginx',
      tag: undefined,
    });
  });

  it('refuses an Argo CD selector Argo CD could not parse, naming the annotation, before asking it', () => {
    const entity = (selector: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'web',
        annotations: { 'argocd/app-selector': selector },
      },
    });
    expect(argocdSelectionOf(entity('app=web,team in (a, b)'))).toMatchObject({
      kind: 'selector',
      selector: 'app=web,team in (a, b)',
    });
    const refusal = (() => {
      try {
        return argocdSelectionOf(entity('==='));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('argocd/app-selector'),
    });
  });
});
