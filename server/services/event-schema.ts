/** The wire shape of a lead event, shared by the HTTP API and tRPC. */
import { z } from 'zod';

export const MAX_EVENTS_PER_BATCH = 1000;

export const eventSchema = z
  .object({
    event_id: z.string().trim().min(1, 'is required').max(200),
    lead_id: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().toLowerCase().email({ message: 'must be a valid email address' }).optional(),
    type: z.string().trim().min(1, 'is required').max(100).regex(/^[a-z0-9_.:-]+$/, 'use lower-case letters, digits and _ . : -'),
    occurred_at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((e) => e.lead_id !== undefined || e.email !== undefined, { path: ['lead_id'], message: 'lead_id or email is required' });

export type EventInput = z.infer<typeof eventSchema>;
