export { createDemoPortal, type DemoPortal, type DemoPortalKit, type DemoPortalOptions } from './portal.js';
export { createBremerhavenPortal, bremerhavenTheme, type PresetOptions } from './bremerhaven.js';
export { createSantanderPortal, santanderTheme } from './santander.js';
export type { HomeSection, HomeView } from './home-page.js';
export type { PortalTexts, PortalTheme } from './texts.js';
