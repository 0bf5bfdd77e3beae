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

import { LayerId } from '@platform-portal/plugin-platform-common';
import { HealthCheckKubernetesReader } from '@platform-portal/plugin-platform-node';

/** Whose API a check read: its own cluster's, or its management cluster's. */
export type ReadScope = 'own' | 'management';

/**
 * Which layers read which Kubernetes kinds, learned from the checks' own
 * reads (checks do not declare them, and a custom check added through the
 * extension point is learned the same way), so a change of one kind
 * re-evaluates only the layers that read it.
 */
export class KindReads {
  private readonly layers = new Map<string, Set<LayerId>>();
  private learned = false;

  record(scope: ReadScope, apiVersion: string, kind: string, layer: LayerId) {
    const key = `${scope}:${apiVersion}/${kind}`;
    let set = this.layers.get(key);
    if (!set) {
      set = new Set();
      this.layers.set(key, set);
    }
    set.add(layer);
    this.learned = true;
  }

  /**
   * The layers that read `kindKey` (`apiVersion/kind`) through `scope`;
   * undefined before any check has run, when every layer must be assumed.
   */
  layersFor(
    scope: ReadScope,
    kindKey: string,
  ): ReadonlySet<LayerId> | undefined {
    if (!this.learned) return undefined;
    return this.layers.get(`${scope}:${kindKey}`) ?? new Set();
  }
}

/** A reader that reports each kind read before reading it. */
export function recordingReader(
  reader: HealthCheckKubernetesReader,
  onRead: (apiVersion: string, kind: string) => void,
): HealthCheckKubernetesReader {
  return {
    list: (apiVersion, kind) => {
      onRead(apiVersion, kind);
      return reader.list(apiVersion, kind);
    },
  };
}
