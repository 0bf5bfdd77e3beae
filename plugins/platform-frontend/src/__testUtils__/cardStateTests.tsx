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

/* eslint-disable jest/no-export -- shared test cases, defined by the card suites that call them */
import { screen } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import { ReactElement } from 'react';
import {
  backendErrorBody,
  bareEntity,
  paymentsApi,
  renderEntityCard,
} from './entityCardFixtures';

const FIND = { timeout: 10_000 };

/**
 * The states every entity card shares (no annotations, loading, the
 * backend's error), asserted the same way for each card.
 */
export interface CardUnderTest {
  server: SetupServer;
  card: ReactElement;
  /** The backend address the card reads for payments-api. */
  url: string;
}

/** Without its annotations the card says what to add and asks nothing. */
export function itShowsTheAnnotationsToAdd(
  { server, card }: CardUnderTest,
  expected: { title: string; hint: RegExp; requests: string },
) {
  it('shows the annotations to add, without asking the backend', async () => {
    let asked = false;
    server.use(
      http.get(expected.requests, () => {
        asked = true;
        return HttpResponse.json({});
      }),
    );
    await renderEntityCard(card, bareEntity);
    expect(
      await screen.findByText(expected.title, undefined, FIND),
    ).toBeInTheDocument();
    expect(screen.getByText(expected.hint)).toBeInTheDocument();
    expect(asked).toBe(false);
  });
}

/** While the backend has not answered the card shows progress. */
export function itShowsProgress({ server, card, url }: CardUnderTest) {
  it('shows progress while the backend answers', async () => {
    server.use(
      http.get(url, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderEntityCard(card, paymentsApi);
    expect(
      await screen.findByRole('progressbar', undefined, FIND),
    ).toBeInTheDocument();
  });
}

/** A failure shows the card's heading and the backend's own message. */
export function itShowsTheBackendsMessage(
  { server, card, url }: CardUnderTest,
  failure: {
    title: RegExp;
    name: string;
    message: string;
    status: number;
    shown: RegExp;
  },
) {
  it(`shows the backend's message: ${failure.message}`, async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          backendErrorBody(failure.name, failure.message, failure.status),
          { status: failure.status },
        ),
      ),
    );
    await renderEntityCard(card, paymentsApi);
    expect(
      await screen.findByText(failure.title, undefined, FIND),
    ).toBeInTheDocument();
    expect(screen.getByText(failure.shown)).toBeInTheDocument();
  });
}
