/** The Temporal floor's workflow: does nothing but count `poke` signals until it has seen `target` of them. */
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const POKE_SIGNAL = 'poke';
export const POKES_QUERY = 'pokes';

const poke = defineSignal<[]>(POKE_SIGNAL);
const pokes = defineQuery<number>(POKES_QUERY);

export async function benchNoopWorkflow(target: number): Promise<number> {
  let seen = 0;
  // Handlers before any await, so a signal-with-start's signal is counted in the first task.
  setHandler(poke, () => {
    seen += 1;
  });
  setHandler(pokes, () => seen);
  await condition(() => seen >= target);
  return seen;
}
