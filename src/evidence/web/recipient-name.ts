import type { AppContext } from '../../context.js';
import { translator, type Language } from '../../web/i18n.js';
import { vciMessages } from '../vci/messages.js';
import { walletRecipient } from '../vci/settings.js';
import { pickText } from './format.js';

/** Who a consent shares with, in the page language: a portal by its configured name, or the citizen's own wallet. */
export function recipientName(ctx: AppContext, clientId: string | null, lang: Language): string {
  if (clientId === walletRecipient) return translator(vciMessages, lang)('walletRecipient');
  return pickText(ctx.config.portals.find((p) => p.clientId === clientId)?.name, lang, clientId ?? '');
}
