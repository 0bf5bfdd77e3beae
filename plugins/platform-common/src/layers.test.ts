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

import {
  getLayer,
  isLayerId,
  LAYERS,
  LAYER_IDS,
  layerEntityName,
} from './layers';

describe('layers', () => {
  it('lists the 13 layers of the platform guide, each once', () => {
    expect(LAYER_IDS).toHaveLength(13);
    expect(new Set(LAYER_IDS).size).toBe(13);
  });

  it('gives every layer at least one owner among the platform groups', () => {
    const groups = [
      'platform-team',
      'infrastructure-team',
      'network-team',
      'security-team',
      'devops-team',
      'sre-team',
    ];
    for (const layer of LAYERS) {
      expect(layer.owners.length).toBeGreaterThan(0);
      for (const owner of layer.owners) {
        expect(groups).toContain(owner);
      }
    }
  });

  it('recognises layer ids and rejects anything else', () => {
    expect(isLayerId('external-lb')).toBe(true);
    expect(isLayerId('External-LB')).toBe(false);
    expect(isLayerId(undefined)).toBe(false);
  });

  it('names the catalog entity of a layer', () => {
    expect(layerEntityName('gitops')).toBe('layer-gitops');
    expect(getLayer('cicd').title).toBe('CI/CD');
  });
});
