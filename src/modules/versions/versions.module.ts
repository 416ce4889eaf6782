/**
 * Wires policy versions: the service, its routes, and the job that finishes notices a crashed publication
 * left half-queued. `materialChanges` is what eligibility (and any module asking consent again) reads.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import type { JobDefinition } from '../../jobs/scheduler.js';
import { registerVersionRoutes } from './versions.routes.js';
import { createVersionsService, type VersionsService } from './versions.service.js';

export const NOTICES_JOB = 'policy.notices.v1';
const NOTICES_EVERY_MS = 15 * 60_000;

export interface VersionsModule {
  readonly service: VersionsService;
  readonly materialChanges: VersionsService['materialChanges'];
  readonly jobs: readonly JobDefinition[];
}

export function createVersionsModule(deps: {
  http: FastifyInstance;
  db: Kysely<DB>;
  dialect: DialectName;
  publicUrl: string;
  clock?: () => number;
}): VersionsModule {
  const service = createVersionsService(deps);
  registerVersionRoutes(deps.http, { db: deps.db, versions: service });
  return {
    service,
    materialChanges: service.materialChanges,
    jobs: [
      {
        name: NOTICES_JOB,
        everyMs: NOTICES_EVERY_MS,
        async run() {
          await service.resumeNotices();
          return 'ok';
        },
      },
    ],
  };
}
