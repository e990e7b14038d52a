import type { EvidenceExtension } from './evidence/index.js';
import { createDemoPortal, type DemoPortal, type DemoPortalOptions } from './portal.js';

/** What a caller of a preset portal must give (where it listens, where Passerelle is); the rest it may override. */
export type PresetOptions = Pick<DemoPortalOptions, 'port' | 'passerelleUrl'> & Partial<DemoPortalOptions>;

type Preset = Omit<DemoPortalOptions, 'port' | 'passerelleUrl' | 'sections' | 'extend'>;

/** A preset demo portal whose start page offers one evidence step; the caller's options win. */
export function presetPortal(preset: Preset, evidence: EvidenceExtension, options: PresetOptions): Promise<DemoPortal> {
  return createDemoPortal({ ...preset, sections: [evidence.section], extend: evidence.extend, ...options });
}
