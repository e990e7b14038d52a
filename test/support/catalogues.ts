import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config/schema.js';
import { confirmMessages } from '../../src/evidence/dashboard/confirm-messages.js';
import { dashboardMessages } from '../../src/evidence/dashboard/messages.js';
import { trackerMessages } from '../../src/evidence/dashboard/tracker-messages.js';
import { evidenceTypes, relationshipCodes, relationshipLabel, valueLabelTables } from '../../src/evidence/catalogue/index.js';
import { flowMessages } from '../../src/evidence/interaction/messages.js';
import { mandateMessages } from '../../src/evidence/mandate/messages.js';
import { revokeMessages } from '../../src/evidence/mandate/revoke-messages.js';
import { walletMessages } from '../../src/inbound/wallet/messages.js';
import { vciMessages } from '../../src/evidence/vci/messages.js';
import { presentationMessages } from '../../src/evidence/verify/presentation/messages.js';
import { verifyMessages } from '../../src/evidence/verify/messages.js';
import { oidcErrorMessages } from '../../src/outbound/oidc/error-page-messages.js';
import { oidcMessages } from '../../src/outbound/oidc/messages.js';
import { errorMessages } from '../../src/web/error-messages.js';
import { errorPageMessages } from '../../src/web/error-response.js';
import { homeMessages } from '../../src/web/home.js';
import { configuredText, localized, messageParts, supportedLanguages, type Language, type LocalizedText, type MessageTable } from '../../src/web/i18n.js';
import { layoutMessages } from '../../src/web/layout-messages.js';
import { textsOf } from '../../src/web/message-format.js';

/** Every message table of Passerelle's pages, by its exported name (a test checks none is missing). */
export const messageTables: Record<string, MessageTable<string>> = {
  confirmMessages, dashboardMessages, trackerMessages, flowMessages, verifyMessages, oidcMessages, oidcErrorMessages, errorMessages,
  errorPageMessages, homeMessages, layoutMessages, walletMessages, vciMessages, mandateMessages, revokeMessages, presentationMessages,
} as Record<string, MessageTable<string>>;

/** The exported names of every `MessageTable` declared under src/. */
export function declaredTables(): string[] {
  const names: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/export const (\w+): MessageTable</g)) names.push(match[1]!);
      }
    }
  };
  walk('src');
  return names.sort();
}

function catalogueTexts(): LocalizedText[] {
  return [
    ...evidenceTypes.flatMap((type) => [type.title, type.description, ...type.fields.map((field) => field.label)]),
    ...Object.values(valueLabelTables.parts), ...Object.values(valueLabelTables.sex),
  ];
}

/** Configured texts by language (portal, authority, country, operator names; purposes; procedures). */
function configuredMaps(config: Config): Array<Readonly<Record<string, string>>> {
  return [
    ...config.portals.flatMap((p) => [p.name, ...[...p.evidence, ...p.representation].flatMap((e) => (e.purpose ? [e.purpose] : [])), ...Object.values(p.procedures)]),
    ...config.issuingAuthorities.map((a) => a.name),
    ...(config.operator ? [config.operator.name] : []),
  ];
}

/** Every piece of prose a page in `lang` may show: messages (without their arguments), catalogue and configured texts. */
export function textsIn(lang: Language, config: Config): string[] {
  const texts: string[] = [];
  for (const table of Object.values(messageTables)) {
    for (const key of Object.keys(table.en)) texts.push(...textsOf(messageParts(table, lang, key)));
  }
  texts.push(...catalogueTexts().map((text) => localized(text, lang)));
  texts.push(...relationshipCodes.map((code) => relationshipLabel(code, lang)));
  texts.push(...configuredMaps(config).map((map) => configuredText(map, lang)));
  return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * The strings that give away another language on a page in `lang`: every piece of another
 * language's texts that is long enough to be telling (8 characters or more) and is not
 * also part of a text of `lang` itself (names such as "Passerelle", shared words).
 */
export function foreignStrings(lang: Language, config: Config): Map<string, Language> {
  const own = textsIn(lang, config);
  const foreign = new Map<string, Language>();
  for (const other of supportedLanguages) {
    if (other === lang) continue;
    for (const text of textsIn(other, config)) {
      if (text.length >= 8 && /\p{L}/u.test(text) && !foreign.has(text) && !own.some((mine) => mine.includes(text))) foreign.set(text, other);
    }
  }
  return foreign;
}
