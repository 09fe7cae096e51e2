import { describe, expect, it } from 'vitest';
import { isAutomatedHit, SCANNER_WINDOW_MS } from './link-scanners';

const sent = new Date('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(sent.getTime() + ms);
const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

describe('link scanners', () => {
  it('a known scanner within seconds of delivery is not a person; the same agent later is', () => {
    const ua = 'Mozilla/5.0 (compatible; Barracuda Sentinel)';
    expect(isAutomatedHit(ua, sent, at(3_000))).toBe(true);
    expect(isAutomatedHit(ua, sent, at(SCANNER_WINDOW_MS + 1))).toBe(false);
  });

  it('crawlers and link previews never count; a browser always does', () => {
    expect(isAutomatedHit('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', sent, at(3_600_000))).toBe(true);
    expect(isAutomatedHit('Mozilla/5.0 (compatible; bingbot/2.0)', sent, at(3_600_000))).toBe(true);
    expect(isAutomatedHit(chrome, sent, at(1_000))).toBe(false);
    expect(isAutomatedHit(null, sent, at(1_000))).toBe(false);
  });
});
