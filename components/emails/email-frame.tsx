/** Email HTML in a sandboxed iframe: no scripts and no open pixel, so viewing never counts; its tracked links work in a new tab. */

/** `target=_blank` sends every link to a new tab, which the sandbox allows and nothing else. */
const linksInNewTab = (html: string) => (/<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}<base target="_blank">`) : `<base target="_blank">${html}`);

export function EmailFrame({ html, title, testId = 'message-frame' }: { html: string; title: string; testId?: string }) {
  return <iframe title={title} data-testid={testId} sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={linksInNewTab(html)} style={{ width: '100%', height: 560, border: '1px solid var(--line)', borderRadius: 6, background: 'white' }} />;
}
