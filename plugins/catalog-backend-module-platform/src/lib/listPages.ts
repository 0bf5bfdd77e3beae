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

import { KubeConfig } from '@kubernetes/client-node';
import { kubeGetJson, KubeRequestError } from './kubeHttp';

/** A Kubernetes object read as plain data. */
export type KubeObject = {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
  };
  spec?: any;
  status?: any;
};

type KubeList = {
  metadata?: { continue?: string; resourceVersion?: string };
  items?: KubeObject[];
};

/** One page of a list. */
export interface ListPage {
  items: KubeObject[];
  /** The list's resourceVersion: where a watch of the same kind resumes. */
  resourceVersion?: string;
  /** The first page of a new list after the old one's continue expired. */
  restarted: boolean;
  /** No page follows. */
  last: boolean;
}

export interface ListPagesOptions {
  pageSize: number;
  /** Deadline of each request. */
  timeoutMs: number;
  /** New lists after an expired continue before giving up (default 3). */
  maxRelists?: number;
}

/**
 * Lists a kind page by page (`limit`/`continue`), so the caller can act on
 * each page while the next is read. A continue that expired (410 Gone: the
 * server compacted the snapshot being paged) starts a consistent list anew,
 * and says so on its first page: what came before may be stale.
 */
export async function* listPages(
  kubeConfig: KubeConfig,
  path: string,
  options: ListPagesOptions,
): AsyncGenerator<ListPage> {
  const maxRelists = options.maxRelists ?? 3;
  let relists = 0;
  let restarted = false;
  let continueToken: string | undefined;
  for (;;) {
    let list: KubeList;
    try {
      list = await kubeGetJson<KubeList>(
        kubeConfig,
        path,
        { limit: options.pageSize, continue: continueToken },
        options.timeoutMs,
      );
    } catch (error) {
      const expired =
        error instanceof KubeRequestError &&
        error.status === 410 &&
        continueToken !== undefined;
      if (!expired || relists >= maxRelists) throw error;
      relists += 1;
      restarted = true;
      continueToken = undefined;
      continue;
    }
    if (!Array.isArray(list?.items)) {
      throw new KubeRequestError('answer is not a list');
    }
    continueToken = list.metadata?.continue || undefined;
    yield {
      items: list.items,
      resourceVersion: list.metadata?.resourceVersion,
      restarted,
      last: !continueToken,
    };
    restarted = false;
    if (!continueToken) return;
  }
}

/** Every object of a kind, read in pages. */
export async function listAll(
  kubeConfig: KubeConfig,
  path: string,
  options: ListPagesOptions,
): Promise<KubeObject[]> {
  let items: KubeObject[] = [];
  for await (const page of listPages(kubeConfig, path, options)) {
    items = page.restarted ? [...page.items] : items.concat(page.items);
  }
  return items;
}
