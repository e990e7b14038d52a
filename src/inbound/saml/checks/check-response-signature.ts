import { PasserelleError } from '../../../core/errors.js';
import { verifyEnvelopedSignature } from '../crypto/index.js';
import { ns } from '../saml-constants.js';
import { childElements } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';
import { withCurrentKeys } from './with-current-keys.js';

/**
 * When the Response is signed, the signature must verify with a signing key from the
 * metadata of the requested country's IdP (never a key from KeyInfo: S-22), under that
 * country's algorithm policy, and reference the Response itself. An unsigned Response is
 * accepted: eIDAS requires the Assertion to be signed, which a later check enforces (S-19).
 */
export const checkResponseSignature: AcsCheck = {
  name: 'Response signature',
  async run(state) {
    const signatures = childElements(state.response, ns.dsig, 'Signature');
    if (signatures.length === 0) return;
    if (signatures.length > 1) throw new PasserelleError('saml_signature_invalid', 'Response carries more than one signature');
    const policy = established(state.country, 'country').algorithms;
    const { signedElement } = await withCurrentKeys(state, (idp) => verifyEnvelopedSignature(state.response, idp.signingCertificates, policy));
    if (signedElement !== state.response) throw new PasserelleError('saml_signature_invalid', 'Response signature does not cover the Response');
  },
};
