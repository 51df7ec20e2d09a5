import * as pulumi from "@pulumi/pulumi";
import { registrations, mockResource } from "./mocks";

void registrations;
pulumi.runtime.setMocks({ newResource: mockResource, call: () => ({}) }, "kubesecret-test", "unit", false);
