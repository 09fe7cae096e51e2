import { describe, expect, it } from 'vitest';
import { handoffSlackText, slackEscape, slackMention } from './slack-text';

const base = { owner: { handle: 'john.doe' }, leadId: '5f0c1a0e-0000-4000-8000-000000000001', reason: 'score >= 60', slaMinutes: 15, leadUrl: 'https://app.example.com/leads/5f0c1a0e-0000-4000-8000-000000000001' };

describe('Slack text', () => {
  it('a hostile lead name cannot ping the channel or forge a link', () => {
    const text = handoffSlackText({ ...base, kind: 'assigned', leadName: '<!channel> <https://evil.example|Acknowledge here>' });
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|Acknowledge here&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
    // The only link is ours, to the lead page.
    expect(text.match(/<[^@][^>]*>/g)).toEqual([`<${base.leadUrl}|Open the lead to acknowledge>`]);
  });

  it('escapes & < > in every typed value, and strips CR/LF', () => {
    expect(slackEscape('A & B <c> d\r\ne')).toBe('A &amp; B &lt;c&gt; d e');
    const text = handoffSlackText({ ...base, kind: 'assigned', leadName: 'Lan', reason: 'x <@U0001> & <!here>' });
    expect(text).toContain('x &lt;@U0001&gt; &amp; &lt;!here&gt;');
  });

  it('never posts the acknowledge token link, in any kind of message', () => {
    for (const kind of ['assigned', 'reminder', 'escalation'] as const) {
      const text = handoffSlackText({ ...base, kind, leadName: 'Lan' });
      expect(text).not.toMatch(/token|\/ack/);
      expect(text).toContain(base.leadUrl);
    }
  });

  it('mentions a real member id, and escapes a handle that tries to be markup', () => {
    expect(slackMention({ slackUserId: 'U024BE7LH', handle: 'x' })).toBe('<@U024BE7LH>');
    expect(slackMention({ slackUserId: '!channel', handle: '<!everyone>' })).toBe('@&lt;!everyone&gt;');
  });
});
