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

import { KeyboardEvent } from 'react';

/** Marks a focusable matrix cell with its position for arrow-key moves. */
export function cellPosition(row: number, column: number) {
  return { 'data-matrix-row': row, 'data-matrix-column': column };
}

const MOVES: Record<string, (row: number, column: number) => [number, number]> =
  {
    ArrowUp: (r, c) => [r - 1, c],
    ArrowDown: (r, c) => [r + 1, c],
    ArrowLeft: (r, c) => [r, c - 1],
    ArrowRight: (r, c) => [r, c + 1],
    Home: r => [r, 0],
    End: r => [r, Number.MAX_SAFE_INTEGER],
  };

/**
 * Arrow keys move between the matrix's cells as in a spreadsheet (Home and
 * End to the row's first and last cell); the matrix is one Tab stop and
 * Enter follows the focused cell's link. Rows scrolled out of the window are
 * within the overscan, and focusing a cell scrolls it into view.
 */
export function moveFocusInMatrix(event: KeyboardEvent<HTMLElement>) {
  const move = MOVES[event.key];
  const from = (event.target as HTMLElement).closest<HTMLElement>(
    '[data-matrix-row]',
  );
  if (!move || !from || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const [row, column] = move(
    Number(from.dataset.matrixRow),
    Number(from.dataset.matrixColumn),
  );
  const rowCells = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      `[data-matrix-row="${row}"]`,
    ),
  ];
  const target =
    column === Number.MAX_SAFE_INTEGER
      ? rowCells[rowCells.length - 1]
      : rowCells.find(cell => Number(cell.dataset.matrixColumn) === column);
  if (target) {
    event.preventDefault();
    target.focus();
  }
}
