/** A hand-off's stored reason (API wording: last_action = 'schedule_demo') as a sentence the desk and the lead page word for people, in the reader's language; a reason a person typed stays as written. */
import { text, type Text } from './i18n/server-text';
import { eventText } from './journey/words';

// The two reasons Leadflow writes itself: the journey's hand-off step (with the stage) and the hot lane (without).
const WRITTEN = /^Lead score (-?\d+)(?: \((cold|warm|engaged|hot)\))?, last_action = '([^']*)'$/;

export function handoffReasonText(reason: string): Text | undefined {
  const m = WRITTEN.exec(reason);
  if (!m) return undefined;
  const [, score, stage, action] = m as unknown as [string, string, string | undefined, string];
  const params = { score: Number(score), actionTitle: action === 'none' ? text('serverText.handoffReason.noAction') : eventText(action) };
  return stage
    ? text('serverText.handoffReason.scoreStage', { ...params, stage: text(`serverText.sentence.stage.${stage}`) })
    : text('serverText.handoffReason.score', params);
}
