import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { registrations, mockResource } from "./mocks";

void registrations;
// @pulumi/pulumi's mock monitor lacks resource hooks (a fixed-name child registers one, see
// src/pipeline/existing.ts); the engine accepts them, so the mocks do too.
Object.assign(MockMonitor.prototype, {
  registerResourceHook: (_request: unknown, done: (err: Error | null, reply: unknown) => void) => done(null, {}),
});
pulumi.runtime.setMocks({ newResource: mockResource, call: () => ({}) }, "kubesecret-test", "unit", false);
