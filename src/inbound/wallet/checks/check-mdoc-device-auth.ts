import { cborDecode } from '@owf/mdoc';
import { PasserelleError } from '../../../core/errors.js';

type CborMap = Map<unknown, unknown>;

/**
 * An mdoc presentation must carry the holder's proof: `deviceSigned` with a `deviceAuth` holding a
 * `deviceSignature` (HAIP; MAC authentication is not offered). Without it the library only says
 * it cannot decode the response; this names the refusal as for an SD-JWT without key binding.
 */
export function checkMdocDeviceAuthPresent(response: Uint8Array): void {
  let documents: unknown;
  try {
    documents = cborDecode<CborMap>(response).get('documents');
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', 'the DeviceResponse is unreadable', { cause: error });
  }
  if (!Array.isArray(documents)) return; // the document count is refused later, with its own code
  for (const document of documents as unknown[]) {
    const deviceSigned = document instanceof Map ? document.get('deviceSigned') : undefined;
    const deviceAuth = deviceSigned instanceof Map ? deviceSigned.get('deviceAuth') : undefined;
    if (!(deviceAuth instanceof Map) || !deviceAuth.has('deviceSignature')) {
      throw new PasserelleError('wallet_key_binding_missing', 'the mdoc carries no device signature');
    }
  }
}
