/** The wire shape of a lead event, shared by the HTTP API and tRPC; defined with the other wire schemas in lib/api/schemas. */
export { eventBatchSchema, eventSchema, MAX_EVENTS_PER_BATCH, type EventInput } from '@/lib/api/schemas';
