// Command pulumi-language-nodejs is a Pulumi language host for Node.js (JavaScript and
// TypeScript) programs and source-based component plugins.
//
// Upstream's host is not served by the Go module proxy, so this is our own implementation of the
// pulumirpc.LanguageRuntime service. It does what the engine needs from a Node.js host: it runs
// programs through @pulumi/pulumi's cmd/run, runs component plugins through cmd/run-plugin,
// reports the resource plugins that installed npm packages declare, and installs dependencies.
// Code generation (GenerateProgram/Project/Package), Link and Pack are not implemented. What
// does not depend on Node.js (the process, serving, cancellation, the shape of Run and of
// InstallDependencies) is in langhost.
package main

import "kubesecret.local/toolchain/langhost"

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	langhost.Main(langhost.Language{
		Name: "Node.js", Version: version, ValueFlags: hostValueFlags, CapitalisedErrors: true, NewRuntime: newRuntime,
	})
}
