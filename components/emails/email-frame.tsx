/** Email HTML in a sandboxed iframe: no scripts, and links cannot be followed, so viewing never counts as a click. */

/** `target=_blank` plus a sandbox without `allow-popups` makes every link inert. */
const inert = (html: string) => (/<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}<base target="_blank">`) : `<base target="_blank">${html}`);

export function EmailFrame({ html, title, testId = 'message-frame' }: { html: string; title: string; testId?: string }) {
  return <iframe title={title} data-testid={testId} sandbox="" srcDoc={inert(html)} style={{ width: '100%', height: 560, border: '1px solid var(--line)', borderRadius: 6, background: 'white' }} />;
}
