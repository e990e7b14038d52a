export { createDemoPortal, type DemoPortal, type DemoPortalKit, type DemoPortalOptions } from './portal.js';
export { createBremerhavenPortal, bremerhavenTheme, kindergartenEvidence } from './bremerhaven.js';
export type { PresetOptions } from './preset.js';
export { createSantanderPortal, santanderTheme, censusEvidence } from './santander.js';
export { evidenceRequest, type EvidenceExtension, type EvidenceRequestOptions, type EvidenceTexts } from './evidence/index.js';
export type { CallbackStep } from './callback.js';
export type { HomeSection, HomeView } from './home-page.js';
export type { PortalTexts, PortalTheme } from './texts.js';
