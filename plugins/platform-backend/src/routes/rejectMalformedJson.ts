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

import { InputError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/**
 * Turns express.json()'s parse failure into a 400 that says the body is at
 * fault, instead of a bare SyntaxError that echoes the body back.
 */
export const rejectMalformedJson: ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  if ((error as { type?: string })?.type === 'entity.parse.failed') {
    next(
      new InputError(
        `Invalid body: must be a JSON object (${(error as Error).message})`,
      ),
    );
    return;
  }
  next(error);
};
