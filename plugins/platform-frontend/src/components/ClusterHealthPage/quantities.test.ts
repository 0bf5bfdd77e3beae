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

import { formatBytes, quantityBytes } from './quantities';

describe('quantities in human units', () => {
  it.each([
    ['16777216Ki', '16 GiB'],
    ['1536Mi', '1.5 GiB'],
    ['8Gi', '8 GiB'],
    ['500M', '477 MiB'],
    ['1024', '1 KiB'],
    ['3906252Ki', '3.7 GiB'],
  ])('%s reads %s', (quantity, human) => {
    expect(formatBytes(quantity)).toBe(human);
  });

  it('returns what it cannot parse as given, and a dash for nothing', () => {
    expect(formatBytes('lots')).toBe('lots');
    expect(formatBytes(undefined)).toBe('—');
    expect(quantityBytes('2Xi')).toBeUndefined();
  });
});
