// `npm test` runs this (npm run deps): the architecture's two hard lines, checked on every change.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle makes load order matter and hides which module owns what.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "detection-is-pure",
      severity: "error",
      comment:
        "lib/detection is the pure engine: plain data in, verdicts out. Storage, caches, sockets and threads belong to lib/pipeline.",
      from: { path: "^lib/detection/", pathNot: "\\.test\\.ts$" },
      to: {
        path: [
          "^(app|components)/",
          "node_modules/(@prisma|prisma|ioredis|next|next-auth|socket\\.io|socket\\.io-client|pg|@electric-sql|server-only)/",
          "^(node:)?(worker_threads|child_process|cluster|net|http|https|dgram|dns)$",
        ],
      },
    },
    {
      name: "detection-imports-only-pure-lib",
      severity: "error",
      comment:
        "The engine reaches the rest of lib/ only for modules that are themselves pure (listed here); the database, Redis, settings and logging come in as arguments.",
      from: { path: "^lib/detection/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/", pathNot: "^lib/(detection/|vocabulary)" },
    },
  ],
  options: {
    exclude: { path: "^\\.next/" },
    doNotFollow: { path: "^(node_modules|lib/generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
