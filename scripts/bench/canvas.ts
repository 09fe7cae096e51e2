/** Section 6: the canvas in Chromium — in-browser compile time of a large journey and frame rate while dragging in the editor. */
import type postgres from 'postgres';
import { chromium } from 'playwright-core';
import { measureCompile } from './canvas-compile';
import { measureDrag } from './canvas-drag';
import type { BenchConfig } from './config';
import type { Credentials } from '../lib/sign-in';
import { benchJourneyGraph } from './journey-fixture';
import type { Report } from './report';
import { ms, note, printTable } from './stats';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function measureCanvas(sql: postgres.Sql, appUrl: string, cfg: BenchConfig, report: Report, admin: Credentials): Promise<void> {
  const graph = benchJourneyGraph(cfg.canvasNodes);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const compile = await measureCompile(page, graph, cfg.compileRuns);
    printTable(`6a. Canvas: compileJourney on a ${graph.nodes.length}-node / ${graph.edges.length}-edge journey (${cfg.compileRuns} runs after 5 warm-up)`, ['where', 'median', 'p99', 'max', 'detail'], [
      ['Chromium (esbuild bundle)', ms(compile.browser.p50), ms(compile.browser.p99), ms(compile.browser.max), 'aim < 50 ms'],
      ['Node (same code, for reference)', ms(compile.node.p50), ms(compile.node.p99), ms(compile.node.max), `${compile.problems} problems, ${compile.warnings} warnings`],
    ]);
    report.add('canvas', `compile ${graph.nodes.length} nodes (browser)`, `median ${ms(compile.browser.p50)}, p99 ${ms(compile.browser.p99)} (aim < 50 ms)`);

    const drag = await measureDrag(await browser.newPage(), sql, appUrl, graph, cfg.dragMs, admin);
    if (!drag.available) {
      printTable('6b. Canvas: dragging a node in the editor', ['measure', 'value'], [['editor', `editor not available: ${drag.reason}`]]);
      report.add('canvas', 'drag frame rate', `editor not available (${drag.reason})`);
      return;
    }
    printTable(`6b. Canvas: dragging a node in the editor (${drag.nodesRendered} nodes rendered, ${drag.moves} pointer moves over ${cfg.dragMs} ms)`, ['measure', 'value'], [
      ['frame rate (rAF callbacks)', `${drag.fps.toFixed(1)} fps (aim 50)`],
      ['frame interval p50 / p99', `${ms(drag.frameMs.p50)} / ${ms(drag.frameMs.p99)}`],
      ['frames over 50 ms', String(drag.longFrames)],
      ['node actually moved', drag.moved ? 'yes' : 'NO (the drag did not take: figure is for an idle canvas)'],
      ['editor load to first node', ms(drag.loadMs)],
    ]);
    if (!drag.moved) note('the dragged node kept its transform: check the selector or the editor’s drag handling');
    report.add('canvas', 'drag frame rate', `${drag.fps.toFixed(1)} fps, p99 frame ${ms(drag.frameMs.p99)}, moved: ${drag.moved ? 'yes' : 'no'}`);
  } finally {
    await browser.close();
  }
}
