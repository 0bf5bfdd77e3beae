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

/** Nexus details the contract leaves open or marks unconfirmed, in one place. */

export const COMPONENT_PAGE_SIZE = 100;
/** Search page size in the OSS source read; configurable per simulator. */
export const DEFAULT_SEARCH_PAGE_SIZE = 50;

export const WWW_AUTHENTICATE = 'BASIC realm="Sonatype Nexus Repository Manager"';

/** Bodies sent as JSON strings by WebApplicationMessageException (exact text unconfirmed). */
export const REPOSITORY_REQUIRED = 'repositoryId is required.';
export const repositoryNotFound = (name: string) => `Unable to locate repository with id ${name}`;

/** An unreadable continuation token: 400 with an empty body (upstream behaviour unconfirmed). */
export const BAD_TOKEN_STATUS = 400;

/** Nexus names itself in the `Server` header of every answer. */
export const SERVER_HEADER = 'Nexus/3.82.0-08 (COMMUNITY)';
