/** CSV import activities: one chunk at a time through the same capture service the API uses. */
import type { Db } from '@/db/client';
import type { CsvImportActivities } from '@/lib/journey/contract';
import { finishRun, processChunk } from '@/lib/imports/csv-chunks';

export function createImportActivities(deps: { db: Db }): CsvImportActivities {
  return {
    async importChunk(input) {
      const { created, merged, failed } = await processChunk(deps.db, input);
      return { created, merged, failed };
    },
    async finishImport(input) {
      await finishRun(deps.db, input);
    },
  };
}
