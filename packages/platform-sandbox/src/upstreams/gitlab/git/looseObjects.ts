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


import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Git's object format, written straight into a bare repository's object
 * store: the sandbox seeds repositories and records commits made through the
 * REST API without starting a git process per object.
 */

export type ObjectType = 'blob' | 'tree' | 'commit';

export interface TreeFile {
  /** `100644`, `100755`, `120000` or `160000`. */
  mode: string;
  blobId: string;
}

export interface Signature {
  name: string;
  email: string;
  /** ISO time. */
  at: string;
}

export function objectId(type: ObjectType, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

export function writeObject(gitDir: string, type: ObjectType, body: Buffer): string {
  const id = objectId(type, body);
  const file = path.join(gitDir, 'objects', id.slice(0, 2), id.slice(2));
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, deflateSync(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body])));
    fs.renameSync(temporary, file);
  }
  return id;
}

interface Directory {
  files: Map<string, TreeFile>;
  directories: Map<string, Directory>;
}

/** Writes the trees for a flat `path → file` listing and returns the root tree's id. */
export function writeTree(gitDir: string, files: Map<string, TreeFile>): string {
  const root: Directory = { files: new Map(), directories: new Map() };
  for (const [filePath, file] of files) {
    const parts = filePath.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.directories.get(part);
      if (!next) {
        next = { files: new Map(), directories: new Map() };
        dir.directories.set(part, next);
      }
      dir = next;
    }
    dir.files.set(parts[parts.length - 1], file);
  }
  const write = (dir: Directory): string => {
    const entries: Array<{ sortKey: string; bytes: Buffer }> = [];
    for (const [name, file] of dir.files) {
      entries.push({ sortKey: name, bytes: treeEntry(file.mode, name, file.blobId) });
    }
    for (const [name, sub] of dir.directories) {
      // Git sorts a directory as if its name ended in '/'.
      entries.push({ sortKey: `${name}/`, bytes: treeEntry('40000', name, write(sub)) });
    }
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
    return writeObject(gitDir, 'tree', Buffer.concat(entries.map(e => e.bytes)));
  };
  return write(root);
}

function treeEntry(mode: string, name: string, id: string): Buffer {
  return Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(id, 'hex')]);
}

function signature(s: Signature): string {
  const seconds = Math.floor(new Date(s.at).getTime() / 1000);
  return `${s.name} <${s.email}> ${seconds} +0000`;
}

export function writeCommit(
  gitDir: string,
  commit: { tree: string; parents: string[]; author: Signature; message: string },
): string {
  const lines = [
    `tree ${commit.tree}`,
    ...commit.parents.map(p => `parent ${p}`),
    `author ${signature(commit.author)}`,
    `committer ${signature(commit.author)}`,
    '',
    commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`,
  ];
  return writeObject(gitDir, 'commit', Buffer.from(lines.join('\n')));
}

/** An empty bare repository whose HEAD names `defaultBranch`. */
export function initBareRepository(gitDir: string, defaultBranch: string): void {
  for (const dir of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags']) {
    fs.mkdirSync(path.join(gitDir, dir), { recursive: true });
  }
  fs.writeFileSync(path.join(gitDir, 'HEAD'), `ref: refs/heads/${defaultBranch}\n`);
  fs.writeFileSync(
    path.join(gitDir, 'config'),
    [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tfilemode = true',
      '\tbare = true',
      // Refs stay loose files and nothing repacks behind the sandbox's back.
      '[gc]',
      '\tauto = 0',
      '[receive]',
      '\tautogc = false',
      '\tdenyNonFastForwards = false',
      '',
    ].join('\n'),
  );
}
