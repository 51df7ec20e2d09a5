// Command pulumi-language-go is a Pulumi language host for Go programs.
//
// Upstream's host (module github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) is not served by
// the Go module proxy, so this is our own implementation of the pulumirpc.LanguageRuntime service,
// with upstream's behaviour where the engine and `pulumi package add` rely on it: it builds a
// program with `go build` and runs the binary with the engine's settings in the environment (or
// runs a prebuilt `binary`), reports the resource plugins that the program's modules declare
// (pulumi-plugin.json), lists its modules, installs dependencies with `go mod tidy`, generates Go
// SDKs with Pulumi's Go code generator and links them into a program's go.mod with a `replace`.
// Running Go plugins and policy packs, program/project generation (`pulumi convert`), debugging and
// Pack are not implemented. What does not depend on Go (the process, serving, cancellation, the
// shape of Run and of InstallDependencies) is in langhost.
package main

import "kubesecret.local/toolchain/langhost"

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	langhost.Main(langhost.Language{Name: "Go", Version: version, ValueFlags: hostValueFlags, NewRuntime: newRuntime})
}
