import type { Request, Response } from 'express';
import { PasserelleError } from '../../../core/errors.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { translator, type Language } from '../../../web/i18n.js';
import { walletMinimumLoa } from '../acr.js';
import { oidcMessages } from '../messages.js';
import { minimumLoaFor } from '../requested-loa.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, interactionFromRequest, scopesOf } from './load.js';

/** The wallet, when configured and able to act for this portal (it has a registration certificate). */
function offeredWallet(deps: InteractionDeps, interaction: Interaction) {
  const wallet = deps.wallet();
  return wallet?.offeredTo(clientIdOf(interaction)) ? wallet : undefined;
}

/** The "EU Digital Identity Wallet" choice beside the countries (nothing when it is not offered). */
export function walletChoice(deps: InteractionDeps, interaction: Interaction, lang: Language): SafeHtml | '' {
  if (!offeredWallet(deps, interaction)) return '';
  const t = translator(oidcMessages, lang);
  return html`<section aria-labelledby="wallet-choice"><h2 id="wallet-choice">${t('walletOption')}</h2>
<p>${t('walletHint')}</p>
<p><a class="button secondary" rel="nofollow" href="/interaction/${interaction.uid}/wallet">${t('walletOption')}</a></p></section>`;
}

/** GET /interaction/:uid/wallet: the citizen chose the wallet; it asks only for what this portal may receive. */
export function chooseWallet(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res, 'login');
    const wallet = offeredWallet(deps, interaction);
    if (!wallet) throw new PasserelleError('wallet_unavailable');
    const clientId = clientIdOf(interaction);
    await wallet.startLogin(req, res, {
      flowId: interaction.uid,
      country: '',
      minimumLoa: minimumLoaFor(interaction.params.acr_values, walletMinimumLoa),
      requestedAttributes: deps.portals.requestedAttributes(clientId, scopesOf(interaction)),
      requesterId: clientId,
    });
  };
}
