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

// The backend as production runs it: the bundle `backstage-cli package build`
// writes (packages/backend/dist/bundle.tar.gz, every workspace package built
// to dist/), unpacked on its own, with the repository's installed third-party
// modules linked in instead of a second `yarn install`.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { newestMtime } = require('./mtime');

const SOURCE_DIRS = [
  'src',
  'public',
  'migrations',
  'package.json',
  'config.d.ts',
];

function sourcesMtime(root) {
  // The backend build builds the frontend it serves (packages/app) too.
  const packages = [
    path.join(root, 'packages', 'backend'),
    path.join(root, 'packages', 'app'),
  ];
  for (const plugin of fs.readdirSync(path.join(root, 'plugins'))) {
    packages.push(path.join(root, 'plugins', plugin));
  }
  let newest = 0;
  for (const dir of packages) {
    for (const part of SOURCE_DIRS) {
      newest = Math.max(newest, newestMtime(path.join(dir, part)));
    }
  }
  return newest;
}

/** Builds the bundle when a backend or plugin source is newer than it. */
function buildIfStale(root, log) {
  const bundle = path.join(
    root,
    'packages',
    'backend',
    'dist',
    'bundle.tar.gz',
  );
  const bundleMtime = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  if (bundleMtime > sourcesMtime(root)) {
    log(`backend bundle is up to date (${path.relative(root, bundle)})`);
    return { bundle, built: false };
  }
  log('building the backend: yarn workspace backend build');
  const started = Date.now();
  const result = spawnSync('yarn', ['workspace', 'backend', 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `yarn workspace backend build failed (${result.status}):\n${(
        result.stderr || result.stdout
      ).slice(-4000)}`,
    );
  }
  log(`backend built in ${Math.round((Date.now() - started) / 1000)} s`);
  return { bundle, built: true };
}

function linkAll(fromDir, toDir, skip) {
  for (const entry of fs.readdirSync(fromDir)) {
    if (skip.has(entry)) continue;
    fs.symlinkSync(path.join(fromDir, entry), path.join(toDir, entry));
  }
}

/**
 * Unpacks the bundle into `dir` and links node_modules: workspace packages
 * resolve to the built copies in the bundle, everything else to the
 * repository's install.
 */
function unpackBundle(root, bundle, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = spawnSync('tar', ['xzf', bundle, '-C', dir], {
    encoding: 'utf8',
  });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);

  const workspaces = new Map();
  for (const group of ['packages', 'plugins']) {
    const groupDir = path.join(dir, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const name of fs.readdirSync(groupDir)) {
      const pkgDir = path.join(groupDir, name);
      const manifest = JSON.parse(
        fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
      );
      workspaces.set(manifest.name, pkgDir);
      // Versions yarn installed next to one package only.
      const own = path.join(root, group, name, 'node_modules');
      if (fs.existsSync(own))
        fs.symlinkSync(own, path.join(pkgDir, 'node_modules'));
    }
  }

  const rootModules = path.join(root, 'node_modules');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  const scopes = new Set(
    [...workspaces.keys()]
      .filter(n => n.startsWith('@'))
      .map(n => n.split('/')[0]),
  );
  const unscoped = new Set(
    [...workspaces.keys()].filter(n => !n.startsWith('@')),
  );
  linkAll(rootModules, modules, new Set([...scopes, ...unscoped, '.bin']));
  for (const scope of scopes) {
    fs.mkdirSync(path.join(modules, scope));
    const inBundle = new Set(
      [...workspaces.keys()]
        .filter(n => n.startsWith(`${scope}/`))
        .map(n => n.split('/')[1]),
    );
    if (fs.existsSync(path.join(rootModules, scope))) {
      linkAll(
        path.join(rootModules, scope),
        path.join(modules, scope),
        inBundle,
      );
    }
  }
  for (const [name, pkgDir] of workspaces) {
    fs.symlinkSync(pkgDir, path.join(modules, name));
  }
  // app-config.yaml names catalog files relative to packages/backend.
  for (const shared of ['catalog', 'templates']) {
    fs.symlinkSync(path.join(root, shared), path.join(dir, shared));
  }
  return dir;
}

/** The production backend, ready to run with `node packages/backend` in the returned dir. */
function prepareBackend(root, workDir, log, { build = true } = {}) {
  const bundle = path.join(
    root,
    'packages',
    'backend',
    'dist',
    'bundle.tar.gz',
  );
  const { built } =
    build || !fs.existsSync(bundle)
      ? buildIfStale(root, log)
      : { built: false };
  const dir = unpackBundle(root, bundle, path.join(workDir, 'backend'));
  return { dir, built };
}

module.exports = { prepareBackend };
