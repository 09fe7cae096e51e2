/** One CSV import chunk at a time, as the worker's import activities run it: validate or capture its rows, then mark the run finished. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leadImportChunks, leadImports, type ImportChunkResult, type ImportMode, type ImportRowError } from '@/db/schema';
import type { CaptureLeadInput } from '@/lib/api/schemas';
import { captureLeads } from '@/lib/capture/capture-batch';
import { rowToInput } from './csv-mapping';

/** Validates or captures one chunk; a chunk already done for this mode returns its stored result, so activity retries count nothing twice. */
export async function processChunk(db: Db, input: { importId: string; idx: number; mode: ImportMode }): Promise<ImportChunkResult> {
  const [imp] = await db.select().from(leadImports).where(eq(leadImports.id, input.importId));
  const [chunk] = await db.select().from(leadImportChunks).where(and(eq(leadImportChunks.importId, input.importId), eq(leadImportChunks.idx, input.idx)));
  if (!imp || !chunk) throw new Error(`import ${input.importId} chunk ${input.idx} is gone`);
  const done = input.mode === 'dry_run' ? chunk.dryRun : chunk.imported;
  if (done) return done;
  const result: ImportChunkResult = { created: 0, merged: 0, failed: 0, errors: [] };
  const errors: ImportRowError[] = [];
  const valid: CaptureLeadInput[] = [];
  for (const [i, row] of chunk.rows.entries()) {
    const outcome = rowToInput(imp.headers, imp.mapping, row, chunk.firstRow + i, imp.source);
    if (outcome.ok) valid.push(outcome.input);
    else errors.push(outcome.error);
  }
  if (input.mode === 'dry_run') result.created = valid.length;
  else {
    // Duplicates merge exactly as POST /api/leads merges them (capture-batch.test.ts holds the two side by side), in a few multi-row statements per chunk.
    for (const captured of await captureLeads(db, valid, { enterJourneys: imp.enterJourneys })) {
      if (captured.created) result.created += 1;
      else result.merged += 1;
    }
  }
  result.failed = errors.length;
  result.errors = errors;
  await db
    .update(leadImportChunks)
    .set(input.mode === 'dry_run' ? { dryRun: result } : { imported: result })
    .where(and(eq(leadImportChunks.importId, input.importId), eq(leadImportChunks.idx, input.idx)));
  return result;
}

export async function finishRun(db: Db, input: { importId: string; mode: ImportMode; error?: string }): Promise<void> {
  const status = input.error ? 'failed' : input.mode === 'dry_run' ? 'dry_run_done' : 'done';
  await db.update(leadImports).set({ status, lastError: input.error ?? null, finishedAt: new Date() }).where(eq(leadImports.id, input.importId));
}
