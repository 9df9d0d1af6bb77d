import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  // One path to the audit log (and the webhook outbox): features call publishEvent, never the audit writer.
  {
    ignores: ["lib/events/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^@/|/)lib/audit/record-audit-event$|^\\.{1,2}/record-audit-event$",
              message: "Record what happened with publishEvent (lib/events/publish-event.ts); only lib/events/* may call the audit writer.",
            },
          ],
        },
      ],
    },
  },
];
export default config;
