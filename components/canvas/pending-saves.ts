/** Draft saves still in flight after their editor unmounted, so the next editor for that journey loads only after them. */
const pending = new Map<string, Promise<void>>();

export function trackSave(journeyId: string, save: Promise<void>): void {
  const all = Promise.all([pending.get(journeyId), save]).then(() => undefined, () => undefined);
  pending.set(journeyId, all);
  void all.then(() => {
    if (pending.get(journeyId) === all) pending.delete(journeyId);
  });
}

export async function savesSettled(journeyId: string): Promise<void> {
  await pending.get(journeyId);
}
