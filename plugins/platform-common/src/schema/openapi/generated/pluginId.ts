export const pluginId = 'platform';
