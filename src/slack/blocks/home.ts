import { HELP_LINES, recentDesignLine } from './search.js';
import type { RecentDesign } from './search.js';
import { LIMITS, context, divider, header, section } from './kit.js';
import type { HomeView, KnownBlock } from './kit.js';
import { escapeMrkdwn } from '../format/mentions.js';

/** Recent designs listed on the Home tab (one block each, within the 100-block view limit). */
export const HOME_MAX_RECENT = 20;

/** App Home: a short how-to and the user's recent designs. */
export function homeView({ recent }: { recent: RecentDesign[] }): HomeView {
  const usage = HELP_LINES.slice(0, 4)
    .map(([cmd, what]) => `• \`${escapeMrkdwn(cmd)}\` — ${what}`)
    .join('\n');
  const blocks: KnownBlock[] = [
    header('Integration Architect'),
    section(
      'Describe two or more systems and what should flow between them; I write an integration design — pattern, ' +
        'authentication, retries, idempotency, monitoring, failure modes and a checklist — in a thread.',
    ),
    section(`*How to start*\n${usage}`),
    divider(),
    header('Your recent designs'),
  ];
  if (recent.length === 0) {
    blocks.push(context('No designs yet. Run `/integration-design` in any channel to start one.'));
  } else {
    for (const item of recent.slice(0, HOME_MAX_RECENT)) blocks.push(section(recentDesignLine(item)));
    if (recent.length > HOME_MAX_RECENT) {
      blocks.push(context(`${recent.length - HOME_MAX_RECENT} older designs — use \`/integration-design list\` or search.`));
    }
  }
  if (blocks.length > LIMITS.blocksPerView) throw new RangeError('home view exceeds 100 blocks');
  return { type: 'home', blocks };
}
