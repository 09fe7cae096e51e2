/** Linear-time graph helpers for the compiler: strongly connected components and one concrete cycle to show the marketer. */

/** Tarjan's algorithm, iterative so a long journey cannot overflow the stack. */
export function stronglyConnected(ids: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { id: string; succ: readonly string[]; next: number }[] = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      frames.push({ id, succ: successors(id), next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++]!;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** A cycle inside one component, in path order, or null when the component is a single node without a self-loop. */
export function findCycle(component: readonly string[], successors: (id: string) => readonly string[]): string[] | null {
  const start = component[0];
  if (start === undefined) return null;
  if (component.length === 1) return successors(start).includes(start) ? [start] : null;
  const members = new Set(component);
  const parent = new Map<string, string>();
  const queue = [start];
  // BFS back to the start gives the shortest loop through it, the easiest one to read.
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of successors(id)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [id];
        for (let p = parent.get(id); p !== undefined; p = parent.get(p)) path.push(p);
        return path.reverse();
      }
      if (!parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return null;
}
