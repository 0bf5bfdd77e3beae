module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Property helpers assert inside fast-check properties.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'rejectsUnless'] },
    ],
  },
});
