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

import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './__testUtils__/BackendReplica';
import {
  contextCopies,
  isIgnored,
  last,
  parseDockerfile,
  repositoryPathOf,
  Stage,
} from './__testUtils__/dockerBuild';
import { renderKustomization } from './__testUtils__/renderKustomization';

/*
 * packages/backend/Dockerfile, read rather than built (there is no container
 * engine in CI): the image is built by the repository's own toolchain, runs
 * as a numeric non-root user on a read-only root filesystem, contains every
 * file the production config points the running portal at, and is started
 * by deploy/portal the way the image expects.
 */
const stages = parseDockerfile(join(REPO_ROOT, 'packages/backend/Dockerfile'));
const runtime = stages[stages.length - 1];
const workdir = last(runtime, 'WORKDIR')![0];
const copies = contextCopies(runtime);
const deployment = renderKustomization(join(REPO_ROOT, 'deploy/portal')).find(
  m => m.kind === 'Deployment',
)!;
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

function readYaml(path: string): any {
  return parse(readFileSync(join(REPO_ROOT, path), 'utf8'));
}

function runs(stage: Stage): string[] {
  return stage.steps
    .filter(s => s.keyword === 'RUN')
    .map(s => s.args.join(' '));
}

/**
 * The files the catalog reads from disk, as absolute paths in the image:
 * the file locations of the config, the Location entities they hold, and the
 * skeleton directories of the templates they list.
 */
function catalogFiles(locations: Array<{ type: string; target: string }>) {
  const found: string[] = [];
  const visit = (imagePath: string) => {
    found.push(imagePath);
    const repoPath = repositoryPathOf(copies, imagePath);
    if (!repoPath || !existsSync(join(REPO_ROOT, repoPath))) {
      return;
    }
    const dir = posix.dirname(imagePath);
    for (const doc of parseAllDocuments(
      readFileSync(join(REPO_ROOT, repoPath), 'utf8'),
    )) {
      const entity = doc.toJS();
      if (entity?.kind === 'Location') {
        const targets = entity.spec.targets ?? [entity.spec.target];
        targets.forEach((t: string) => visit(posix.resolve(dir, t)));
      }
      if (entity?.kind === 'Template') {
        for (const s of entity.spec.steps ?? []) {
          const url = s.input?.url;
          if (s.action?.startsWith('fetch:') && url?.startsWith('.')) {
            found.push(posix.resolve(dir, url));
          }
        }
      }
    }
  };
  locations
    .filter(l => l.type === 'file')
    .forEach(l => visit(posix.resolve(workdir, l.target)));
  return found;
}

describe('packages/backend/Dockerfile', () => {
  it("builds with the repository's own toolchain in separate stages", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const node = process.versions.node.split('.')[0];
    const [build] = stages;
    expect(build.base).toMatch(new RegExp(`^node:${node}-`));
    // Native modules built in one stage have to load in the other.
    expect(runtime.base).toContain(`nodejs${node}`);
    // ...and the same C library: the same Debian release.
    const debian: Record<string, string> = { bookworm: '12', trixie: '13' };
    const release = /-(bookworm|trixie)/.exec(build.base)![1];
    expect(runtime.base).toContain(`debian${debian[release]}`);
    const builds = stages.flatMap(runs);
    expect(builds).toEqual(
      expect.arrayContaining([
        'yarn install --immutable',
        'yarn tsc',
        'yarn build:backend',
      ]),
    );
    const yarnrc = readYaml('.yarnrc.yml');
    expect(stages.flatMap(contextCopies).map(c => c.source)).toEqual(
      expect.arrayContaining([
        posix.dirname(yarnrc.yarnPath),
        '.yarnrc.yml',
        'yarn.lock',
        'package.json',
      ]),
    );
  });

  it('runs with no shell and no package manager, as a numeric non-root user', () => {
    expect(runs(runtime)).toEqual([]);
    expect(last(runtime, 'ENTRYPOINT')).toEqual(['/nodejs/bin/node']);
    const [user] = last(runtime, 'USER')!;
    const match = /^(\d+):(\d+)$/.exec(user);
    expect(match).not.toBeNull();
    const [uid, gid] = [Number(match![1]), Number(match![2])];
    expect(uid).toBeGreaterThan(0);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
    });
  });

  it('copies only paths the repository has and the build context keeps', () => {
    const stageNames = stages.map(s => s.name);
    for (const stage of stages) {
      for (const copy of contextCopies(stage)) {
        expect({
          source: copy.source,
          exists: existsSync(join(REPO_ROOT, copy.source)),
          ignored: isIgnored(REPO_ROOT, copy.source),
        }).toEqual({ source: copy.source, exists: true, ignored: false });
      }
      for (const s of stage.steps.filter(x => 'from' in x.flags)) {
        expect(stageNames).toContain(s.flags.from);
      }
    }
    // What never belongs in the context, and the rule is really applied.
    expect(isIgnored(REPO_ROOT, 'node_modules/yaml/package.json')).toBe(true);
    expect(
      isIgnored(REPO_ROOT, 'plugins/platform-backend/dist/index.cjs.js'),
    ).toBe(true);
    expect(isIgnored(REPO_ROOT, 'app-config.local.yaml')).toBe(true);
    expect(isIgnored(REPO_ROOT, '.yarn/releases/x.cjs')).toBe(false);
  });

  it('contains the config files the command names, and every file they point the catalog at', () => {
    const cmd = last(runtime, 'CMD')!;
    const configs = cmd.filter((_, i) => cmd[i - 1] === '--config');
    expect(configs).toEqual(['app-config.yaml', 'app-config.production.yaml']);
    // Arrays are replaced, not merged, by a later config: the image reads
    // only the production locations, which resolve from the working directory.
    const production = readYaml('app-config.production.yaml');
    const locations = production.catalog.locations;
    expect(locations.length).toBeGreaterThan(0);
    const needed = [
      ...configs.map(c => posix.resolve(workdir, c)),
      ...catalogFiles(locations),
    ];
    expect(needed).toEqual(
      expect.arrayContaining([
        '/app/catalog/platform.yaml',
        '/app/templates/all.yaml',
        '/app/templates/new-service/template.yaml',
        '/app/templates/new-service/skeleton',
      ]),
    );
    const missing = needed.filter(imagePath => {
      const repoPath = repositoryPathOf(copies, imagePath);
      return (
        !repoPath ||
        !existsSync(join(REPO_ROOT, repoPath)) ||
        isIgnored(REPO_ROOT, repoPath)
      );
    });
    expect(missing).toEqual([]);
  });

  it('writes only to the volumes the Deployment mounts as emptyDirs on a read-only root', () => {
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    const volumes = last(runtime, 'VOLUME')!;
    expect(volumes.length).toBeGreaterThan(0);
    const mounted = (path: string) =>
      container.volumeMounts.some(
        (m: any) =>
          (path === m.mountPath || path.startsWith(`${m.mountPath}/`)) &&
          pod.volumes.find((v: any) => v.name === m.name)?.emptyDir,
      );
    expect(volumes.filter(v => !mounted(v))).toEqual([]);
    // Where the portal writes: its temporary directory (scaffolder
    // workspaces) and, with the local publisher, TechDocs output.
    const env = Object.fromEntries(
      runtime.steps
        .filter(s => s.keyword === 'ENV')
        .flatMap(s => s.args.map(a => a.split('='))),
    );
    const production = readYaml('app-config.production.yaml');
    const base = readYaml('app-config.yaml');
    const writes = [
      env.TMPDIR,
      production.backend?.workingDirectory ?? env.TMPDIR,
    ];
    const publisher =
      production.techdocs?.publisher?.type ?? base.techdocs?.publisher?.type;
    if (publisher === 'local') {
      writes.push(production.techdocs?.publisher?.local?.publishDirectory);
    }
    expect(writes.map(w => w ?? 'unset').filter(w => !mounted(w))).toEqual([]);
  });

  it('is started by the Deployment with its own entrypoint, command and port', () => {
    expect(container.command).toBeUndefined();
    const cmd = last(runtime, 'CMD')!;
    expect(container.args.slice(0, cmd.length)).toEqual(cmd);
    // Further config files come read-only from Secrets (they hold tokens).
    const extra: string[] = container.args.slice(cmd.length);
    expect(
      extra.filter((_, i) => i % 2 === 0).every(a => a === '--config'),
    ).toBe(true);
    for (const file of extra.filter((_, i) => i % 2 === 1)) {
      const mount = container.volumeMounts.find((m: any) =>
        file.startsWith(`${m.mountPath}/`),
      );
      expect(mount).toMatchObject({ readOnly: true });
      const volume = pod.volumes.find((v: any) => v.name === mount.name);
      expect(volume.secret.items).toContainEqual({
        key: posix.basename(file),
        path: posix.relative(mount.mountPath, file),
      });
    }
    expect(container.ports.map((p: any) => String(p.containerPort))).toEqual(
      last(runtime, 'EXPOSE'),
    );
    expect(container.image).toMatch(/platform-portal:/);
  });
});
