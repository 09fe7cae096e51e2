/** Builds the embed script: lib/forms/embed-client.ts (with zod and the form's schema builder) bundled once per process. */
import path from 'node:path';
import type { PublicForm } from '@/lib/forms/definition';

let bundle: Promise<string> | null = null;

function build(): Promise<string> {
  bundle ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [path.join(process.cwd(), 'lib/forms/embed-client.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        globalName: 'LeadflowForms',
        platform: 'browser',
        target: 'es2020',
        minify: true,
        legalComments: 'none',
        tsconfig: path.join(process.cwd(), 'tsconfig.json'),
      }),
    )
    .then((r) => r.outputFiles[0]!.text)
    .catch((err: unknown) => {
      bundle = null;
      throw err;
    });
  return bundle;
}

/** JSON that is safe inside a <script>: no "</script>" and no line separators JavaScript rejects. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export async function embedScript(form: PublicForm, endpoint: string): Promise<string> {
  return `${await build()}\nLeadflowForms.mountAfterScript(${scriptJson({ form, endpoint })}, document.currentScript);\n`;
}
