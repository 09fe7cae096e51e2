/** A generated, publishable CanvasGraph of any size: a score branch fanning into four chains of mixed steps. */
import type { CanvasEdge, CanvasGraph, CanvasNode } from '@/lib/journey/graph';

export const BENCH_TEMPLATES = ['email-a-nurture', 'email-b-welcome-value', 'email-c-case-study', 'email-c-demo-invite', 're-engage'];

const COL = 280;
const ROW = 160;
/** Chains wrap every 10 columns so the canvas is a block, not a 20,000 px strip that fitView shrinks to dots. */
const WRAP = 10;

export function benchJourneyGraph(size: number): CanvasGraph {
  const nodes: CanvasNode[] = [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { label: 'Lead captured', config: { on: 'lead_captured' } } },
    {
      id: 'score',
      type: 'score_branch',
      position: { x: COL, y: 0 },
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
  ];
  const edges: CanvasEdge[] = [{ id: 'e-trigger-next', source: 'trigger', sourceHandle: 'next', target: 'score' }];
  const chains = ['cold', 'warm', 'engaged', 'hot'] as const;
  const perChain = Math.max(1, Math.floor((Math.max(size, 6) - nodes.length) / chains.length));
  const rowsPerChain = Math.ceil(perChain / WRAP);

  chains.forEach((branch, c) => {
    let from = { id: 'score', output: branch as string };
    // The last chain takes the remainder so the total is exactly `size`.
    const length = c === chains.length - 1 ? Math.max(size, 6) - nodes.length : perChain;
    for (let j = 0; j < length; j++) {
      const id = `${branch}-${j}`;
      const position = { x: (2 + (j % WRAP)) * COL, y: (c * rowsPerChain + Math.floor(j / WRAP)) * ROW };
      const label = `${branch} step ${j + 1}`;
      const last = j === length - 1;
      let node: CanvasNode;
      if (last) node = { id, type: 'exit', position, data: { label, config: { archive: false } } };
      else if (j % 4 === 0) node = { id, type: 'send_email', position, data: { label, config: { template: BENCH_TEMPLATES[j % BENCH_TEMPLATES.length]!, variants: [], oncePerLead: true } } };
      else if (j % 4 === 1) node = { id, type: 'wait', position, data: { label, config: { duration: { amount: 1, unit: 'days' } } } };
      else if (j % 4 === 2) node = { id, type: 'update_lead', position, data: { label, config: { addTags: [`bench-${j}`] } } };
      else node = { id, type: 'wait_for_event', position, data: { label, config: { eventTypes: ['email_click'], timeout: { amount: 3, unit: 'days' } } } };
      nodes.push(node);
      edges.push({ id: `e-${from.id}-${from.output}`, source: from.id, sourceHandle: from.output, target: id });
      if (node.type === 'wait_for_event') {
        // Both outputs continue down the chain: a click just gets there sooner.
        edges.push({ id: `e-${id}-timeout`, source: id, sourceHandle: 'timeout', target: `${branch}-${j + 1}` });
        from = { id, output: 'event' };
      } else from = { id, output: 'next' };
    }
  });
  return { nodes, edges };
}
