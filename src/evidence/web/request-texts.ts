import type { AppContext } from '../../context.js';
import { configuredText, hasConfiguredText, translator, type Language } from '../../web/i18n.js';
import { vciMessages } from '../vci/messages.js';
import { walletRecipient } from '../vci/settings.js';

export interface RequestTexts {
  /** The procedure's configured name; undefined when the portal names none (ids are never shown to people). */
  procedure?: string;
  purpose: string;
}

/**
 * What a portal asked for, in the citizen's language: the procedure by its configured name,
 * and the purpose from the configuration when it has this language, or when the portal's
 * own words are one of its configured translations; otherwise the portal's own words.
 */
export function requestTexts(ctx: AppContext, input: {
  clientId: string | null; evidenceType: string | null; procedure: string | null; purpose: string | null; lang: Language;
}): RequestTexts {
  // The citizen's own wallet is no portal: its consent has a fixed purpose, said in her language.
  if (input.clientId === walletRecipient) return { purpose: translator(vciMessages, input.lang)('walletPurpose') };
  // A tracker row written before any consent names no portal: the one portal with this request is it.
  const candidates = input.clientId
    ? ctx.config.portals.filter((p) => p.clientId === input.clientId)
    : ctx.config.portals.filter((p) => (input.evidenceType === 'representation'
      ? p.representation.some((r) => r.procedure === input.procedure)
      : p.evidence.some((e) => e.procedure === input.procedure && e.type === input.evidenceType)));
  const portal = candidates.length === 1 ? candidates[0] : undefined;
  const names = input.procedure && portal && Object.hasOwn(portal.procedures, input.procedure) ? portal.procedures[input.procedure] : undefined;
  // `representation` stands for a mandate request (its purpose is configured under portals[].representation).
  const configured = input.evidenceType === 'representation'
    ? portal?.representation.find((r) => r.procedure === input.procedure)?.purpose
    : portal?.evidence.find((e) => e.type === input.evidenceType && e.procedure === input.procedure)?.purpose;
  const asked = input.purpose ?? '';
  const useConfigured = configured && (hasConfiguredText(configured, input.lang) || asked === '' || Object.values(configured).includes(asked));
  const procedure = names ? configuredText(names, input.lang) : undefined;
  // Without a purpose of its own, a request's purpose was recorded as its procedure id: show the procedure's name.
  const purpose = useConfigured ? configuredText(configured, input.lang, asked) : asked === input.procedure ? procedure ?? '—' : asked;
  return { ...(procedure ? { procedure } : {}), purpose };
}
