import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autonamingSetting, childAliases, childName, validateNaming } from "../../src/pipeline/naming";
import { validateObjectName } from "../../src/validation/metadata";

const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
const prefix = fc.tuple(label, fc.boolean()).map(([stem, dash]) => (dash ? `${stem}-` : stem));

describe("childName", () => {
  it("is the component name without generateName", () => {
    expect(childName("My Secret", undefined)).toBe("My Secret");
  });

  it("is the prefix without its dash, unless the component name extends the prefix", () => {
    expect(childName("database", "app-db-")).toBe("app-db");
    expect(childName("app-db", "app-db-")).toBe("app-db");
    expect(childName("db-a", "db-")).toBe("db-a");
    expect(childName("DB-North_1", "db-")).toBe("db-north-1");
    expect(childName("dbx", "db-")).toBe("db");
  });

  it("always starts with the prefix's stem and is a valid object name with room for the suffix", () => {
    fc.assert(
      fc.property(
        prefix,
        fc.string({ maxLength: 30, unit: fc.constantFrom("a", "Z", "9", "-", ".", "_", " ", "é") }),
        (p, raw) => {
          const component = p + raw;
          const stem = p.endsWith("-") ? p.slice(0, -1) : p;
          const child = childName(component, p);
          expect(child === stem || child.startsWith(`${stem}-`)).toBe(true);
          expect(validateObjectName(child, "child")).toEqual([]);
        },
      ),
    );
  });

  it("aliases the prefix-named child of earlier versions only when the name changed", () => {
    expect(childAliases("database", "app-db-")).toEqual([]);
    expect(childAliases("db-a", "db-")).toEqual(["db"]);
    expect(childAliases("db-a", undefined)).toEqual([]);
  });
});

describe("autonamingSetting", () => {
  const k8sSecret = (rule: object) => ({
    providers: { kubernetes: { resources: { "kubernetes:core/v1:Secret": rule } } },
  });

  it("finds the rule for Secrets: per type, else per provider, else global", () => {
    expect(autonamingSetting(undefined)).toBeUndefined();
    expect(autonamingSetting({ providers: { aws: { mode: "verbatim" } } })).toBeUndefined();
    expect(autonamingSetting({ mode: "verbatim" })).toEqual({ mode: "verbatim", source: "pulumi:autonaming" });
    expect(
      autonamingSetting({ mode: "verbatim", providers: { kubernetes: { pattern: "${name}-${hex(4)}" } } }),
    ).toEqual({
      pattern: "${name}-${hex(4)}",
      source: "pulumi:autonaming.providers.kubernetes",
    });
    expect(autonamingSetting({ mode: "default", ...k8sSecret({ mode: "disabled" }) })).toEqual({
      mode: "disabled",
      source: 'pulumi:autonaming.providers.kubernetes.resources["kubernetes:core/v1:Secret"]',
    });
  });

  it("ignores what is not an object", () => {
    expect(autonamingSetting("verbatim")).toBeUndefined();
    expect(autonamingSetting([{ mode: "verbatim" }])).toBeUndefined();
  });
});

describe("validateNaming", () => {
  const check = (generateName: unknown, setting?: object, hasName = false) =>
    validateNaming(
      childName("c", generateName),
      hasName,
      generateName,
      setting === undefined ? undefined : { source: "pulumi:autonaming", ...setting },
    );

  it("accepts a prefix under the default setting or a pattern that keeps it and is random", () => {
    expect(check("db-")).toEqual([]);
    expect(check("db-", { mode: "default" })).toEqual([]);
    expect(check("db-", { pattern: "${name}-${alphanum(6)}" })).toEqual([]);
    expect(check("db", { pattern: "${name}${uuid}" })).toEqual([]);
    expect(check(undefined, { mode: "verbatim" })).toEqual([]);
  });

  it.each([
    [{ mode: "verbatim" }, /mode "verbatim", which names the Secret without a random part/],
    [{ mode: "disabled" }, /mode "disabled", which requires an explicit name/],
    [{ pattern: "${project}-${name}-${hex(4)}" }, /does not start with \$\{name\}-/],
    [{ pattern: "${name}${hex(4)}" }, /does not start with \$\{name\}-/],
    [{ pattern: "${name}-fixed" }, /without a random part/],
  ])("fails when the stack setting is %j", (setting, message) => {
    const [problem] = check("db-", setting);
    expect(problem?.field).toBe("args.generateName");
    expect(problem?.rule).toMatch(/^cannot be honoured: the stack setting pulumi:autonaming /);
    expect(problem?.rule).toMatch(message);
  });

  it("fails when generateName comes with a name, is not a plain string, or is invalid", () => {
    expect(check("db-", undefined, true)[0]?.rule).toMatch(/cannot be combined with args\.name/);
    expect(check(Promise.resolve("db-"))[0]?.rule).toMatch(/must be a plain string/);
    expect(check("-db")[0]?.rule).toMatch(/DNS-1123 subdomain prefix/);
  });

  it("fails when the component name that extends the prefix makes the live name too long", () => {
    const component = `db-${"a".repeat(250)}`;
    const [problem] = validateNaming(childName(component, "db-"), false, "db-", undefined);
    expect(problem?.rule).toMatch(
      /the provider would name the Secret "db-a+-" and 8 hex digits, which is not a DNS-1123 subdomain/,
    );
  });

  it("accepts a prefix whose stem ends in '-' (the generated name is valid)", () => {
    expect(check("a--")).toEqual([]);
  });

  it("fails when, without name or generateName, the component name cannot name the Secret", () => {
    const [problem] = validateNaming(childName("MyApp", undefined), false, undefined, undefined);
    expect(problem?.field).toBe("name (the component's)");
    expect(problem?.rule).toMatch(/the provider would name the Secret "MyApp-" and 8 hex digits/);
    expect(validateNaming(childName("my-app", undefined), false, undefined, undefined)).toEqual([]);
    // A stack setting decides the name then (verbatim, a pattern): not checked here.
    expect(validateNaming("MyApp", false, undefined, { mode: "verbatim", source: "pulumi:autonaming" })).toEqual([]);
    expect(validateNaming("MyApp", true, undefined, undefined)).toEqual([]);
  });
});
