import { z } from 'zod';

export const LogIngestReportSchema = z
  .object({
    accepted: z.number().int().describe('Lines stored'),
    rejected: z.number().int().describe('Lines not stored (blank lines are neither)'),
    rejections: z
      .array(
        z.object({
          line: z.number().int().describe('1-based line number in the body'),
          reason: z.string().describe('A code such as time.too_old; never the line itself'),
        }),
      )
      .describe('The first 100 rejected lines'),
  })
  .meta({ id: 'LogIngestReport' });

export type LogIngestReport = z.infer<typeof LogIngestReportSchema>;

export const LogSearchQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('Requests at or after this instant'),
    to: z.iso.datetime({ offset: true }).optional().describe('Requests before this instant'),
    ip: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('An address or a CIDR prefix; truncated addresses match when their network overlaps it'),
    path: z
      .string()
      .min(1)
      .max(1025)
      .optional()
      .describe('An exact path, or a prefix ending in *; any query string is ignored'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(64).optional().describe('nextCursor of the previous page'),
  })
  .strict();

export type LogSearchQuery = z.infer<typeof LogSearchQuerySchema>;

export const SecurityLogEntrySchema = z
  .object({
    time: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    userAgent: z.string().nullable(),
    ip: z.string().describe('The full address, or network/prefix once truncated'),
    ipTruncated: z.boolean(),
  })
  .meta({ id: 'SecurityLogEntry' });

export type SecurityLogEntry = z.infer<typeof SecurityLogEntrySchema>;

export const SecurityLogPageSchema = z
  .object({ entries: z.array(SecurityLogEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SecurityLogPage' });

export type SecurityLogPage = z.infer<typeof SecurityLogPageSchema>;
