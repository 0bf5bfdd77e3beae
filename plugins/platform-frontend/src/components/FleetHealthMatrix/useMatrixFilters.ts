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

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { MatrixFilters } from './matrixFilters';

const KEYS = ['environment', 'provisioner', 'team'] as const;

/**
 * The matrix's filters live in the page's address, so Back, a reload or a
 * link shared in an incident channel shows the same view.
 */
export function useMatrixFilters(): [
  MatrixFilters,
  (filters: MatrixFilters) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<MatrixFilters>(() => {
    const read: MatrixFilters = {
      onlyProblems: params.get('problems') === '1',
    };
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) read[key] = value;
    }
    return read;
  }, [params]);
  const setFilters = useCallback(
    (next: MatrixFilters) =>
      setParams(current => {
        const updated = new URLSearchParams(current);
        for (const key of KEYS) {
          if (next[key]) updated.set(key, next[key]!);
          else updated.delete(key);
        }
        if (next.onlyProblems) updated.set('problems', '1');
        else updated.delete('problems');
        return updated;
      }),
    [setParams],
  );
  return [filters, setFilters];
}
