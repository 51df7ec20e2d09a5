import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "coverage/", "examples/**/node_modules/", "examples/**/bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
      "preserve-caught-error": "off",
    },
  },
  {
    // Node.js runs tools/ by stripping types: only syntax that erases to JavaScript (no enums,
    // namespaces, parameter properties, import/export assignments or <T>x assertions).
    files: ["tools/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "enums are not erasable: use a union of literals" },
        { selector: "TSModuleDeclaration", message: "namespaces are not erasable: use a module" },
        { selector: "TSParameterProperty", message: "parameter properties are not erasable: assign fields" },
        { selector: "TSImportEqualsDeclaration", message: "import = is not erasable: use import" },
        { selector: "TSExportAssignment", message: "export = is not erasable: use export" },
        { selector: "TSTypeAssertion", message: "<T>x is not erasable: use x as T" },
      ],
    },
  },
);
