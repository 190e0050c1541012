// Dependency direction (DESIGN.md section 2): cli, server -> domain folders -> store.
// Every rule is at error level so a wrong-way import fails `npm test`.
const src = '^packages/promptops/src/';
const domain = `${src}(catalog|templates|governance|guardrails|runtime|evaluation|observability|testing)/`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-not-to-edges',
      comment: 'Domain folders never import the server or the CLI.',
      severity: 'error',
      from: { path: domain },
      to: { path: `${src}(server|cli)/` },
    },
    {
      name: 'store-is-the-bottom',
      comment: 'The store knows nothing of the domain, the server or the CLI.',
      severity: 'error',
      from: { path: `${src}store/` },
      to: {
        path: `${src}(catalog|templates|governance|guardrails|runtime|evaluation|observability|server|cli|testing)/`,
      },
    },
    {
      name: 'server-not-to-cli',
      severity: 'error',
      from: { path: `${src}server/` },
      to: { path: `${src}cli/` },
    },
    {
      name: 'templates-without-storage',
      comment:
        'Rendering takes fragments through an interface; it reads only content types, never the store.',
      severity: 'error',
      from: { path: `${src}templates/` },
      to: { path: `${src}(store/|catalog/(?!content/))` },
    },
    {
      name: 'client-is-standalone',
      comment:
        '@promptops/client talks to the server over HTTP only. Its tests may start a real server from the promptops test fixtures.',
      severity: 'error',
      from: { path: '^packages/client/src/' },
      to: { path: '^packages/(promptops|web)/' },
    },
    {
      name: 'web-over-http-only',
      comment: 'The web UI shares types only (import type), never runtime code, with the server package.',
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^packages/promptops/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.promptops)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
