/** The journey every new workspace starts with: the SPEC's score routing, 7-day engagement waits, one re-engage try, and hot-lead hand-off. */
import type { CanvasEdge, CanvasGraph, CanvasNode } from './graph';

export const DEFAULT_JOURNEY_NAME = 'Lead nurturing (default)';

const COL = 280;
const ROW = 160;
const at = (col: number, row: number) => ({ x: col * COL, y: row * ROW });
const sevenDays = { amount: 7, unit: 'days' } as const;

function edge(source: string, output: string, target: string): CanvasEdge {
  return { id: `e-${source}-${output}`, source, sourceHandle: output, target };
}

/** Rows: the three nurture emails on top, the hot path below them; columns run left to right. */
export function defaultJourneyGraph(): CanvasGraph {
  const email = (id: string, label: string, template: string, row: number): CanvasNode => ({
    id,
    type: 'send_email',
    position: at(2, row),
    data: { label, config: { template, variants: [], oncePerLead: true } },
  });
  const waitForEngagement = (id: string, label: string, col: number, row: number): CanvasNode => ({
    id,
    type: 'wait_for_event',
    position: at(col, row),
    data: { label, config: { eventTypes: [], timeout: { ...sevenDays } } },
  });

  const nodes: CanvasNode[] = [
    { id: 'trigger', type: 'trigger', position: at(0, 1.5), data: { label: 'Lead captured', config: { on: 'lead_captured' } } },
    {
      id: 'score',
      type: 'score_branch',
      position: at(1, 1.5),
      data: {
        label: 'Route by score',
        config: {
          ranges: [
            { output: 'cold', label: 'Below 20', min: null, max: 19 },
            { output: 'warm', label: '20–44', min: 20, max: 44 },
            { output: 'engaged', label: '45–59', min: 45, max: 59 },
            { output: 'hot', label: '60 and above', min: 60, max: null },
          ],
        },
      },
    },
    email('email-a', 'Email A: Nurture', 'email-a-nurture', 0),
    email('email-b', 'Email B: Welcome + Value', 'email-b-welcome-value', 1),
    email('email-c', 'Email C: Case study', 'email-c-case-study', 2),
    waitForEngagement('wait-a', 'Wait for engagement (A)', 3, 0),
    waitForEngagement('wait-b', 'Wait for engagement (B)', 3, 1),
    waitForEngagement('wait-c', 'Wait for engagement (C)', 3, 2),
    { id: 're-engage', type: 'send_email', position: at(4, 1), data: { label: 'Re-engage email', config: { template: 're-engage', variants: [], oncePerLead: true } } },
    waitForEngagement('wait-re-engage', 'Wait after re-engage', 5, 1),
    { id: 'exit-archive', type: 'exit', position: at(6, 1), data: { label: 'Archive cold lead', config: { archive: true } } },
    { id: 'mark-hot', type: 'update_lead', position: at(2, 3), data: { label: 'Flag as hot', config: { stage: 'hot', lifecycle: 'mql', addTags: [] } } },
    {
      id: 'handoff',
      type: 'handoff',
      position: at(3, 3),
      data: { label: 'Hand off to sales', config: { owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false } },
    },
    { id: 'exit-handed-off', type: 'exit', position: at(4, 3), data: { label: 'Handed off', config: { archive: false } } },
  ];

  const edges: CanvasEdge[] = [
    edge('trigger', 'next', 'score'),
    edge('score', 'cold', 'email-a'),
    edge('score', 'warm', 'email-b'),
    edge('score', 'engaged', 'email-c'),
    edge('score', 'hot', 'mark-hot'),
    // Any event re-routes the lead by its new score; silence for 7 days leads to the one re-engage try.
    ...(['a', 'b', 'c'] as const).flatMap((x) => [
      edge(`email-${x}`, 'next', `wait-${x}`),
      edge(`wait-${x}`, 'event', 'score'),
      edge(`wait-${x}`, 'timeout', 're-engage'),
    ]),
    edge('re-engage', 'next', 'wait-re-engage'),
    edge('wait-re-engage', 'event', 'score'),
    edge('wait-re-engage', 'timeout', 'exit-archive'),
    edge('mark-hot', 'next', 'handoff'),
    edge('handoff', 'next', 'exit-handed-off'),
  ];
  return { nodes, edges };
}
