import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "data/**", "e2e/.data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // SQL only as tagged templates (S13).
      "no-restricted-properties": [
        "error",
        { property: "$queryRawUnsafe", message: "Use the tagged template $queryRaw (S13)." },
        { property: "$executeRawUnsafe", message: "Use the tagged template $executeRaw (S13)." },
      ],
      "react/no-danger": "error",
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
];

export default config;
