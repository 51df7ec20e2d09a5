/**
 * The change scenarios of updates.test.ts: what the program declares (a Secret or a
 * BasicAuthSecret), and each scenario's start and changes, with the effect each change must have.
 */

/** What the program declares; each step of a scenario changes it. */
export interface Spec {
  className: "Secret" | "BasicAuthSecret";
  type?: string;
  /** Secret: stringData. BasicAuthSecret: username and password. */
  values: Record<string, string>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  immutable?: boolean;
}

export type Effect = "update" | "replace";

export interface Change {
  /** What the step does, for messages and records. */
  title: string;
  apply: (spec: Spec) => Spec;
  effect: Effect;
}

export interface Scenario {
  title: string;
  start: () => Spec;
  changes: Change[];
  /** A key every version of the Secret has: "the Secret exists" means a Secret with it exists. */
  watchKey: string;
}

/**
 * The scenarios, and the Opaque Secret most of them start from; `fresh` makes each value a new
 * canary of the file's jar (canaryJar, tools/leaks.ts).
 */
export function updateScenarios(fresh: (label: string) => string): { opaque: () => Spec; scenarios: Scenario[] } {
  const opaque = (): Spec => ({
    className: "Secret",
    values: { stable: fresh("stable"), value: fresh("value") },
    labels: { tier: "one" },
    annotations: { "kubesecret.test/note": "first" },
  });

  const changeValue: Change = {
    title: "change a value",
    apply: (s) => ({ ...s, values: { ...s.values, value: fresh("changed") } }),
    effect: "replace",
  };

  const scenarios: Scenario[] = [
    { title: "changing a value replaces the Secret", start: opaque, changes: [changeValue], watchKey: "stable" },
    {
      title: "adding a key replaces the Secret",
      start: opaque,
      changes: [
        {
          title: "add a key",
          apply: (s) => ({ ...s, values: { ...s.values, added: fresh("added") } }),
          effect: "replace",
        },
      ],
      watchKey: "stable",
    },
    {
      title: "removing a key replaces the Secret",
      start: opaque,
      changes: [
        { title: "remove a key", apply: (s) => ({ ...s, values: { stable: s.values.stable! } }), effect: "replace" },
      ],
      watchKey: "stable",
    },
    {
      title: "changing labels and annotations updates the Secret in place",
      start: opaque,
      changes: [
        {
          title: "change a label, add a label, replace an annotation",
          apply: (s) => ({
            ...s,
            labels: { tier: "two", added: "yes" },
            annotations: { "kubesecret.test/other": "second" },
          }),
          effect: "update",
        },
      ],
      watchKey: "stable",
    },
    {
      title: "changing the type replaces the Secret",
      start: opaque,
      changes: [
        { title: "Opaque → custom type", apply: (s) => ({ ...s, type: "kubesecret.test/custom" }), effect: "replace" },
      ],
      watchKey: "stable",
    },
    {
      title: "making a Secret immutable updates it in place; a later data change replaces it",
      start: opaque,
      changes: [
        { title: "set immutable: true", apply: (s) => ({ ...s, immutable: true }), effect: "update" },
        changeValue,
      ],
      watchKey: "stable",
    },
    {
      title: "switching immutable off together with a data change replaces the Secret",
      start: () => ({ ...opaque(), immutable: true }),
      changes: [
        {
          title: "immutable: true → false and change a value",
          apply: (s) => ({ ...changeValue.apply(s), immutable: false }),
          effect: "replace",
        },
      ],
      watchKey: "stable",
    },
    {
      title: "changing the password of an immutable BasicAuthSecret replaces it",
      start: () => ({
        className: "BasicAuthSecret",
        values: { username: "ci", password: fresh("password") },
        labels: { tier: "one" },
        annotations: {},
        immutable: true,
      }),
      changes: [
        {
          title: "change the password",
          apply: (s) => ({ ...s, values: { ...s.values, password: fresh("password") } }),
          effect: "replace",
        },
      ],
      watchKey: "username",
    },
  ];
  return { opaque, scenarios };
}
