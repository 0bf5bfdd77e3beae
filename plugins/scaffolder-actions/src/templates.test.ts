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

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { ScmIntegrations } from '@backstage/integration';
import {
  CatalogTrust,
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { createPlatformActions } from './actions';
import { checkTeamRepositoryAction } from './actions/team/checkTeamRepositoryAction';
import { readSelfServiceConfig } from './config/readSelfServiceConfig';

const TEMPLATES = path.resolve(__dirname, '../../../templates');

const actions = [
  ...createPlatformActions({
    clusters: new ConfigClusterAccessService(
      readClusterConnections(new ConfigReader({})),
    ),
    config: readSelfServiceConfig(
      new ConfigReader({
        platform: {
          selfService: { allowedDomains: ['apps.example.internal'] },
        },
      }),
    ),
    permissions: mockServices.permissions.mock(),
    auditor: mockServices.auditor.mock(),
  }),
  checkTeamRepositoryAction({
    permissions: mockServices.permissions.mock(),
    trust: CatalogTrust.fromConfig(new ConfigReader({})),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  }),
] as TemplateAction<any, any, any>[];

function inputProperties(action: TemplateAction<any, any, any>): string[] {
  return Object.keys(
    (action.schema?.input as { properties?: object })?.properties ?? {},
  );
}

interface Step {
  id: string;
  action: string;
  input?: Record<string, unknown>;
}

function expectStepsMatchActions(steps: Step[]) {
  for (const step of steps.filter(s => s.action.startsWith('platform:'))) {
    const action = actions.find(a => a.id === step.action);
    expect(action).toBeDefined();
    const unknown = Object.keys(step.input ?? {}).filter(
      k => !inputProperties(action!).includes(k),
    );
    expect({ step: step.id, unknown }).toEqual({ step: step.id, unknown: [] });
  }
}

describe('action examples', () => {
  it.each(actions.map(a => [a.id, a] as const))(
    '%s has examples whose steps use its inputs',
    (id, action) => {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.description?.length).toBeGreaterThan(40);
      for (const example of action.examples ?? []) {
        const steps = (parse(example.example) as { steps: Step[] }).steps;
        expect(steps.map(s => s.action)).toContain(id);
        expectStepsMatchActions(steps);
      }
    },
  );
});

describe('templates', () => {
  const location = parse(
    fs.readFileSync(path.join(TEMPLATES, 'all.yaml'), 'utf8'),
  );
  const targets: string[] = location.spec.targets;

  it('lists every template directory in all.yaml', () => {
    const dirs = fs
      .readdirSync(TEMPLATES)
      .filter(d => fs.existsSync(path.join(TEMPLATES, d, 'template.yaml')));
    expect(targets.map(t => t.split('/')[1]).sort()).toEqual(dirs.sort());
  });

  it.each(targets)(
    '%s is a v1beta3 Template whose platform steps match the actions',
    target => {
      const [doc, ...rest] = parseAllDocuments(
        fs.readFileSync(path.join(TEMPLATES, target), 'utf8'),
      );
      expect(rest).toEqual([]);
      expect(doc.errors).toEqual([]);
      const template = doc.toJS();
      expect(template).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
      });
      expect(template.spec.owner).toBe('group:default/platform-team');
      expectStepsMatchActions(template.spec.steps);
      const ids = template.spec.steps.map((s: Step) => s.id);
      for (const [, stepId] of JSON.stringify(
        template.spec.output ?? {},
      ).matchAll(/steps\.([a-z-]+)\.output/g)) {
        expect(ids).toContain(stepId);
      }
    },
  );

  it('the new-service template checks the team and repository before it publishes', () => {
    const template = parse(
      fs.readFileSync(
        path.join(TEMPLATES, 'new-service/template.yaml'),
        'utf8',
      ),
    );
    const actionIds: string[] = template.spec.steps.map((s: Step) => s.action);
    const repoUrl = template.spec.parameters
      .map((p: any) => p.properties?.repoUrl)
      .find(Boolean);
    expect({
      firstWrite: actionIds.findIndex(a => a !== 'fetch:template'),
      check: actionIds.indexOf('platform:team:check-repository'),
      allowedOwners: repoUrl['ui:options'].allowedOwners.length > 0,
    }).toEqual({ firstWrite: 1, check: 1, allowedOwners: true });
  });

  it('the new-service skeleton carries the annotations the entity cards read', () => {
    const catalogInfo = fs.readFileSync(
      path.join(TEMPLATES, 'new-service/skeleton/catalog-info.yaml'),
      'utf8',
    );
    for (const annotation of [
      'backstage.io/kubernetes-id',
      'backstage.io/kubernetes-namespace',
      'gitlab.com/project-slug',
      'argocd/app-selector',
      'nexus-repository-manager/docker.image-name',
      'grafana/dashboard-selector',
    ]) {
      expect(catalogInfo).toContain(`${annotation}:`);
    }
    const ci = parse(
      fs.readFileSync(
        path.join(TEMPLATES, 'new-service/skeleton/.gitlab-ci.yml'),
        'utf8',
      ),
    );
    expect(ci.stages).toEqual(['build', 'test', 'scan', 'push', 'deploy']);
  });
});
