/** Compile time of a large journey measured inside Chromium, from an esbuild bundle of lib/journey/compiler.ts built on the fly. */
import path from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { compileJourney } from '@/lib/journey/compiler';
import type { CanvasGraph } from '@/lib/journey/graph';
import { ROOT } from '../lib/tools';
import { BENCH_TEMPLATES } from './journey-fixture';
import { summarize, type Summary } from './stats';

export interface CompileFigures {
  browser: Summary;
  node: Summary;
  problems: number;
  warnings: number;
}

async function bundleCompiler(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'lib/journey/compiler.ts')],
    absWorkingDir: ROOT,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    bundle: true,
    format: 'iife',
    globalName: 'LeadflowCompiler',
    platform: 'browser',
    target: 'es2022',
    minify: true, // as the editor would ship it
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function measureCompile(page: Page, graph: CanvasGraph, runs: number): Promise<CompileFigures> {
  const opts = { name: 'Bench journey', knownTemplates: BENCH_TEMPLATES };
  const check = compileJourney(graph, opts);

  // Node figures, for comparison: the same code on the server's engine.
  for (let i = 0; i < 5; i++) compileJourney(graph, opts);
  const nodeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    compileJourney(graph, opts);
    nodeTimes.push(performance.now() - started);
  }

  await page.setContent('<!doctype html><html><head><title>compile bench</title></head><body></body></html>');
  await page.addScriptTag({ content: await bundleCompiler() });
  const browserTimes = await page.evaluate(
    ({ graph: g, opts: o, runs: n }) => {
      const api = (globalThis as unknown as { LeadflowCompiler: { compileJourney: (graph: unknown, opts: unknown) => unknown } }).LeadflowCompiler;
      for (let i = 0; i < 5; i++) api.compileJourney(g, o); // warm the JIT like a second keystroke would
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        api.compileJourney(g, o);
        times.push(performance.now() - started);
      }
      return times;
    },
    { graph, opts, runs },
  );
  return { browser: summarize(browserTimes), node: summarize(nodeTimes), problems: check.problems.length, warnings: check.warnings.length };
}
