import type { Feature } from './web/app.js';

/**
 * The features a Passerelle instance serves, in mounting order. Each one owns its routes,
 * tables and pages; adding an adapter means adding a line here.
 */
export const features: readonly Feature[] = [];
