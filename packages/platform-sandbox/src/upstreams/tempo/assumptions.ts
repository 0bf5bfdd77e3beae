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

/** Tempo details the contract leaves open, kept in one place. */

/**
 * Trace and span ids in `/api/traces` OTLP JSON: base64, as the protobuf JSON
 * mapping writes bytes fields (Tempo's exact encoding unconfirmed).
 */
export const OTLP_ID_ENCODING: BufferEncoding = 'base64';

/** Body of a 404 for an unknown trace (text unconfirmed). */
export const TRACE_NOT_FOUND = 'trace not found\n';

/** Search window when `start`/`end` are not given ("recent data"). */
export const DEFAULT_SEARCH_WINDOW_S = 3600;
