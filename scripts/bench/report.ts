/** Collects every printed figure so the run can end with one summary block. */

interface Entry {
  section: string;
  label: string;
  value: string;
}

export class Report {
  private readonly entries: Entry[] = [];

  add(section: string, label: string, value: string): void {
    this.entries.push({ section, label, value });
  }

  print(): void {
    const width = Math.max(...this.entries.map((e) => e.label.length), 10);
    const lines = ['\n================ SUMMARY ================'];
    let section = '';
    for (const e of this.entries) {
      if (e.section !== section) {
        section = e.section;
        lines.push(`[${section}]`);
      }
      lines.push(`  ${e.label.padEnd(width)}  ${e.value}`);
    }
    lines.push('=========================================');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** A failing section prints why and the run goes on: one broken part must not hide every other figure. */
export async function runSection<T>(report: Report, name: string, fn: () => Promise<T>): Promise<T | null> {
  const started = Date.now();
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(`\n!! ${name} failed: ${message}\n`);
    report.add(name, 'FAILED', message.slice(0, 200));
    return null;
  } finally {
    process.stdout.write(`   (${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}
