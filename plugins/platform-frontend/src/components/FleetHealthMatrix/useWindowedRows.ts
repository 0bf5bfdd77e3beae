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

import { UIEvent, useCallback, useState } from 'react';

export interface WindowedRows {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

/**
 * Renders only the rows in view (plus some overscan) of a fixed-row-height
 * list, so a fleet of 1,000 clusters × 13 layers stays responsive.
 */
export function useWindowedRows(
  count: number,
  rowHeight: number,
  viewportHeight: number,
  overscan = 10,
): WindowedRows {
  const [scrollTop, setScrollTop] = useState(0);
  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) =>
      setScrollTop(event.currentTarget.scrollTop),
    [],
  );
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(
    count,
    Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan,
  );
  return {
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, (count - end) * rowHeight),
    onScroll,
  };
}
