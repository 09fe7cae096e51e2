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
