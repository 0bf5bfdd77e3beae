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


import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitLabCommit, RepositoryFile } from '../types';
import { initBareRepository, Signature, TreeFile, writeCommit, writeObject, writeTree } from './looseObjects';
import { runGit } from './runGit';

/** Branches, their history and their files, as read back from a repository. */
export interface RepositoryContent {
  branches: Map<string, Map<string, RepositoryFile>>;
  commits: Map<string, GitLabCommit[]>;
}

/** How much history the REST API shows per branch. */
const MAX_HISTORY = 1000;
const ZERO_ID = '0'.repeat(40);

/** Roots still on disk; removed when the process exits without stopping the sandbox. */
const liveRoots = new Set<string>();
let exitHookInstalled = false;

function removeOnExit(root: string): void {
  liveRoots.add(root);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const dir of liveRoots) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * The bare repositories behind the simulated GitLab's projects, one per
 * project id under a temporary directory that lives as long as the sandbox.
 * Git is the source of truth: what a push or an API commit writes here is
 * what the REST API then shows.
 */
export class GitRepositories {
  readonly root: string;
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-sandbox-gitlab-'));
    removeOnExit(this.root);
  }

  gitDir(projectId: number): string {
    return path.join(this.root, `${projectId}.git`);
  }

  create(projectId: number, defaultBranch: string): void {
    initBareRepository(this.gitDir(projectId), defaultBranch);
  }

  writeBlob(projectId: number, content: Buffer): string {
    return writeObject(this.gitDir(projectId), 'blob', content);
  }

  /** Writes the tree of `files` and a commit of it; moves no ref. */
  writeCommit(
    projectId: number,
    files: Map<string, TreeFile>,
    parents: string[],
    author: Signature,
    message: string,
  ): string {
    const gitDir = this.gitDir(projectId);
    return writeCommit(gitDir, { tree: writeTree(gitDir, files), parents, author, message });
  }

  /** Points a branch at a commit, failing when it no longer points at `previous`. */
  async updateBranch(projectId: number, branch: string, commit: string, previous: string | undefined): Promise<void> {
    await runGit(this.gitDir(projectId), ['update-ref', `refs/heads/${branch}`, commit, previous ?? ZERO_ID]);
  }

  /** Seeds a branch of a repository nobody else has touched yet. */
  setBranchUnchecked(projectId: number, branch: string, commit: string): void {
    fs.writeFileSync(path.join(this.gitDir(projectId), 'refs', 'heads', branch), `${commit}\n`);
  }

  setHead(projectId: number, branch: string): void {
    fs.writeFileSync(path.join(this.gitDir(projectId), 'HEAD'), `ref: refs/heads/${branch}\n`);
  }

  /** Runs `work` after every earlier serialised job of this project. */
  serialised<T>(projectId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(projectId) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(projectId, next.catch(() => undefined));
    return next;
  }

  /** Reads every branch with its history and files. */
  async read(projectId: number): Promise<RepositoryContent> {
    const gitDir = this.gitDir(projectId);
    const refs = (await runGit(gitDir, ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)', 'refs/heads']))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('\0') as [string, string]);
    const content: RepositoryContent = { branches: new Map(), commits: new Map() };
    const blobs = new Map<string, Buffer>();
    const listings = new Map<string, Array<{ path: string; mode: string; blobId: string }>>();
    for (const [branch, head] of refs) {
      content.commits.set(branch, await readHistory(gitDir, head));
      const listing = await readListing(gitDir, head);
      listings.set(branch, listing);
      for (const entry of listing) blobs.set(entry.blobId, Buffer.alloc(0));
    }
    await readBlobs(gitDir, blobs);
    for (const [branch, head] of refs) {
      const lastCommits = await readLastCommits(gitDir, head);
      const files = new Map<string, RepositoryFile>();
      for (const entry of listings.get(branch)!) {
        files.set(entry.path, {
          content: blobs.get(entry.blobId)!,
          blobId: entry.blobId,
          mode: entry.mode,
          lastCommitId: lastCommits.get(entry.path) ?? head,
        });
      }
      content.branches.set(branch, files);
    }
    return content;
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
    liveRoots.delete(this.root);
  }
}

async function readHistory(gitDir: string, head: string): Promise<GitLabCommit[]> {
  const out = await runGit(gitDir, [
    'log',
    `--max-count=${MAX_HISTORY}`,
    '--format=%H%x00%P%x00%an%x00%ae%x00%cI%x00%B%x1e',
    head,
  ]);
  return out
    .toString('utf8')
    .split('\x1e')
    .map(record => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map(record => {
      const [id, parents, authorName, authorEmail, committed, body] = record.split('\0');
      const message = body.replace(/\n+$/, '\n');
      return {
        id,
        shortId: id.slice(0, 8),
        title: message.split('\n')[0],
        message,
        authorName,
        authorEmail,
        createdAt: new Date(committed).toISOString(),
        parentIds: parents ? parents.split(' ') : [],
      };
    });
}

async function readListing(gitDir: string, head: string) {
  const out = await runGit(gitDir, ['ls-tree', '-r', '-z', '--full-tree', head]);
  return out
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const tab = line.indexOf('\t');
      const [mode, type, blobId] = line.slice(0, tab).split(' ');
      return { path: line.slice(tab + 1), mode, type, blobId };
    })
    .filter(entry => entry.type === 'blob');
}

/** Fills in the content of every blob id in `blobs` with one `cat-file --batch`. */
async function readBlobs(gitDir: string, blobs: Map<string, Buffer>): Promise<void> {
  if (blobs.size === 0) return;
  const ids = [...blobs.keys()];
  const out = await runGit(gitDir, ['cat-file', '--batch'], { input: `${ids.join('\n')}\n` });
  let offset = 0;
  for (const id of ids) {
    const newline = out.indexOf(0x0a, offset);
    const [, , size] = out.subarray(offset, newline).toString('utf8').split(' ');
    const start = newline + 1;
    const end = start + Number(size);
    blobs.set(id, out.subarray(start, end));
    offset = end + 1;
  }
}

/** Path → the newest commit that changed it. */
async function readLastCommits(gitDir: string, head: string): Promise<Map<string, string>> {
  const out = await runGit(gitDir, [
    'log',
    `--max-count=${MAX_HISTORY}`,
    '--format=%x1e%H',
    '--name-only',
    '--no-renames',
    '-z',
    head,
  ]);
  const last = new Map<string, string>();
  for (const record of out.toString('utf8').split('\x1e').filter(Boolean)) {
    const [id, ...paths] = record.split('\0');
    for (const raw of paths) {
      const filePath = raw.replace(/^\n/, '');
      if (filePath && !last.has(filePath)) last.set(filePath, id);
    }
  }
  return last;
}
