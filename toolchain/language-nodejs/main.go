// Command pulumi-language-nodejs is a Pulumi language host for Node.js (JavaScript and
// TypeScript) programs and source-based component plugins.
//
// Upstream's host is not served by the Go module proxy, so this is our own implementation of the
// pulumirpc.LanguageRuntime service. It does what the engine needs from a Node.js host: it runs
// programs through @pulumi/pulumi's cmd/run, runs component plugins through cmd/run-plugin,
// reports the resource plugins that installed npm packages declare, and installs dependencies.
// Code generation (GenerateProgram/Project/Package), Link and Pack are not implemented. What
// does not depend on Node.js (the process, serving, cancellation) is in langhost.
package main

import (
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	langhost.Main(version, hostValueFlags,
		func(flags langhost.Flags, base *langhost.Host) (pulumirpc.LanguageRuntimeServer, error) {
			if runtime := runtimeFlag(flags); runtime != "nodejs" {
				return nil, fmt.Errorf("unsupported runtime: %s (only nodejs is supported)", runtime)
			}
			return &languageHost{Host: base}, nil
		})
}
