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

import { Page } from '@playwright/test';

/** How wide the page is against its viewport, and what makes it wider. */
export interface HorizontalOverflow {
  scrollWidth: number;
  clientWidth: number;
  /** Elements past the viewport's right edge that no narrower box clips, widest first. */
  offenders: string[];
}

/**
 * Measures the page's horizontal overflow around the element `selector`
 * finds: the document and every box between it and that element that scrolls
 * sideways (the app's page wrapper among them) count as the page. An element
 * that reaches past the viewport is an offender unless an ancestor within the
 * viewport clips it, as a code box does its long lines.
 */
export function horizontalOverflow(
  page: Page,
  selector: string,
): Promise<HorizontalOverflow> {
  return page.evaluate(inside => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const clipsX = (e: Element) => getComputedStyle(e).overflowX !== 'visible';
    let scrollWidth = root.scrollWidth;
    for (
      let a = document.querySelector(inside)?.parentElement;
      a && a !== document.body;
      a = a.parentElement
    ) {
      if (/auto|scroll/.test(getComputedStyle(a).overflowX)) {
        // This box's sideways scroll is the page's.
        scrollWidth = Math.max(
          scrollWidth,
          limit + a.scrollWidth - a.clientWidth,
        );
      }
    }
    const offenders: Array<{ right: number; what: string }> = [];
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      const right = e.getBoundingClientRect().right;
      if (right <= limit + 1) continue;
      let clipped = false;
      for (
        let a = e.parentElement;
        a && a !== document.body;
        a = a.parentElement
      ) {
        if (clipsX(a) && a.getBoundingClientRect().right <= limit + 1) {
          clipped = true;
          break;
        }
      }
      if (!clipped) {
        const classes = String(e.className).split(' ').slice(0, 2).join('.');
        offenders.push({
          right: Math.round(right),
          what: `${e.tagName.toLowerCase()}${classes ? `.${classes}` : ''}: ${(
            e.textContent ?? ''
          ).slice(0, 60)}`,
        });
      }
    }
    offenders.sort((a, b) => b.right - a.right);
    return {
      scrollWidth,
      clientWidth: limit,
      offenders: offenders.slice(0, 5).map(o => `${o.right}px ${o.what}`),
    };
  }, selector);
}

/**
 * Makes the viewport as tall as the page's content: the app scrolls inside
 * its page wrapper, so a full-page screenshot otherwise stops at the fold.
 */
export async function fitViewportToContent(page: Page, width: number) {
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.scrollHeight,
      ...Array.from(document.querySelectorAll('*'))
        .filter(e => /auto|scroll/.test(getComputedStyle(e).overflowY))
        .map(e => e.getBoundingClientRect().top + e.scrollHeight),
    ),
  );
  await page.setViewportSize({ width, height: Math.ceil(height) });
}
