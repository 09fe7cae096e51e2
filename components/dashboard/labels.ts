/** Narrowing for the stage and lifecycle names the server sends, so their labels come from the message catalog. */
import { STAGES, type Stage } from '@/lib/scoring/stages';

export const LIFECYCLES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);
export const isLifecycle = (s: string): s is Lifecycle => (LIFECYCLES as readonly string[]).includes(s);
