/**
 * From a raw `kubernetes.core.v1.Secret` to a kubesecret component in a live stack:
 * with `fromRawSecret`, the component's child takes over the raw resource's state, and the object
 * is kept (same uid, never missing). Without it, the new child would take the name of an object
 * it did not create: the up fails and the Secret is left as it was (shown too).
 */
import { describe, expect, it } from "vitest";
import { canaryJar, decodeData, libraryStack, readSecret, useE2E } from "./harness";
import { absence, whileSampling } from "./support/observe";

const e2e = useE2E("migrate");
const { fresh } = canaryJar();
const SCENARIO = "kubesecret.test/scenario";

describe.each([{ recipe: true }, { recipe: false }])(
  "moving a raw Secret under a component (fromRawSecret: $recipe)",
  ({ recipe }) => {
    it(
      recipe
        ? "keeps the object: same uid, never missing, data unchanged"
        : "fails on the taken name and leaves the Secret as it was",
      async () => {
        const name = `migrated-${recipe ? "recipe" : "plain"}`;
        const password = fresh("password");
        let phase: "raw" | "component" = "raw";
        const stack = await libraryStack(name, async (lib) => {
          const k8s = await import("@pulumi/kubernetes");
          const labels = { [SCENARIO]: name };
          if (phase === "raw") {
            const raw = new k8s.core.v1.Secret("db-credentials", {
              metadata: { name, namespace: e2e.namespace, labels },
              stringData: { password },
            });
            return { uid: raw.metadata.uid };
          }
          const opts = recipe ? { transforms: [lib.fromRawSecret("db-credentials")] } : {};
          const secret = new lib.Secret(
            "db",
            { name, namespace: e2e.namespace, labels, stringData: { password } },
            opts,
          );
          return { uid: secret.uid };
        });
        const first = await stack.up();
        const uid = first.outputs["uid"]!.value as string;
        phase = "component";
        if (!recipe) {
          const failure = await stack.up().then(
            () => "",
            (err: unknown) => String(err),
          );
          expect(failure).toContain(`a Secret named "${name}" already exists`);
          expect((await readSecret(e2e.core, e2e.namespace, name))!.metadata!.uid).toBe(uid);
          return;
        }
        const { result, samples } = await whileSampling(e2e.core, e2e.namespace, `${SCENARIO}=${name}`, () =>
          stack.up(),
        );
        const live = await readSecret(e2e.core, e2e.namespace, name);
        expect(decodeData(live!.data)["password"]!.toString()).toBe(password);
        expect(result.summary.resourceChanges?.["delete"]).toBeUndefined();
        expect(result.outputs["uid"]!.value).toBe(uid);
        expect(live!.metadata!.uid).toBe(uid);
        expect(absence(samples, (s) => s.uid === uid).missing).toBe(0);
      },
      300_000,
    );
  },
);
