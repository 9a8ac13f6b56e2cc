// Lint: ESLint's and typescript-eslint's recommended rules, plus the import boundaries the architecture depends on.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  // .astro files need a parser plugin we don't use; `astro check` covers them.
  globalIgnores([
    "dist/",
    ".astro/",
    "node_modules/",
    ".data/",
    "coverage/",
    "test-results/",
    // scratch builds and scripts people leave at the top while they work
    ".tmp*",
    "db/types.ts",
    "**/*.astro",
  ]),
  {
    files: ["**/*.{ts,mts,cts,js,mjs,cjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // TypeScript already reports undefined names, and knows Node's globals (no-undef doesn't).
      "no-undef": "off",
      // A shutdown hook registered before the server exists must see the later assignment: that `let` is intended.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Convention 3: the domain imports no framework, so it runs and is tested without Astro.
    files: ["src/domain/**/*.{ts,mts,cts,js,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(astro|@astrojs)([:/]|$)",
              message: "src/domain imports no framework (architecture convention 3); take what you need as an argument.",
            },
            {
              regex: "^\\.{1,2}/(.*/)?(server|pages|components|layouts|actions|middleware)(/|\\.ts$|$)",
              message:
                "src/domain must not import the web layer (src/server, pages, components, layouts, actions, middleware); the web layer calls the domain, not the other way round.",
            },
          ],
        },
      ],
    },
  },
  {
    // Convention 6: migrations are written against Kysely<any>, since the generated types describe today's schema, not theirs.
    files: ["db/migrations/**/*.{ts,mts,cts,js,mjs}", "db/migrator.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Convention 6: migrations are frozen in time; app code they imported would change under them.
    files: ["db/migrations/**/*.{ts,mts,cts,js,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Anything outside the migrations folder: ../types.ts, ../../src/**, absolute paths.
              regex: "^(\\.\\./|/|src/)",
              message:
                "Migrations import no app code (src/**, db/types.ts, …): only kysely and Node built-ins (architecture convention 6).",
            },
          ],
        },
      ],
    },
  },
]);
