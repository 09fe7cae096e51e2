/** A tRPC caller for router tests acting as a signed-in user of one role (sign-in and roles arrive with #9). */
import type { Db } from '@/db/client';
import { appRouter } from '@/server/root';

export type TestRole = 'admin' | 'marketer' | 'sales' | 'ops';

export function callerAs(db: Db, _role: TestRole = 'admin') {
  return appRouter.createCaller({ db });
}
