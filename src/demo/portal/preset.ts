import type { EvidenceExtension } from './evidence/index.js';
import { createDemoPortal, type DemoPortal, type DemoPortalOptions } from './portal.js';

/** What a caller of a preset portal must give (where it listens, where Passerelle is); the rest it may override. */
export type PresetOptions = Pick<DemoPortalOptions, 'port' | 'passerelleUrl'> & Partial<DemoPortalOptions>;

type Preset = Omit<DemoPortalOptions, 'port' | 'passerelleUrl' | 'sections' | 'extend'>;

/** A preset demo portal whose start page offers one evidence step; the caller's options win. */
export function presetPortal(preset: Preset, evidence: EvidenceExtension, options: PresetOptions): Promise<DemoPortal> {
  const sections = 'sections' in evidence ? (evidence as ReturnType<typeof combined>).sections : [evidence.section];
  return createDemoPortal({ ...preset, sections, extend: evidence.extend, ...options });
}

/** Several steps on one start page, in this order. */
export function combined(...parts: EvidenceExtension[]): EvidenceExtension & { sections: EvidenceExtension['section'][] } {
  return {
    section: parts[0]!.section,
    sections: parts.map((part) => part.section),
    extend: (kit) => { for (const part of parts) part.extend(kit); },
  };
}
