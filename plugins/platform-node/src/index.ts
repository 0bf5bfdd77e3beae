/***/
/**
 * Node.js library for the platform plugin.
 *
 * @packageDocumentation
 */

// In this package you might for example export functions that
// help other plugins or modules interact with your plugin.

/**
 * Does something useful.
 *
 * @public
 */
export function someFunction() {
  // ...
}

export * from './catalogTrust';
export * from './clusters';
export * from './extensions';
export * from './impersonation';
export * from './selfService';
