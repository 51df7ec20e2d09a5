// Command pulumi-language-python is a Pulumi language host for Python programs.
//
// Upstream's host is not served by the Go module proxy, and the pulumi PyPI wheel does not ship the
// pulumi-language-python-exec script that upstream installs next to it, so this is our own
// implementation of the pulumirpc.LanguageRuntime service with our own (embedded) exec script. It
// does what the engine and `pulumi package add` need from a Python host: it runs programs in their
// virtualenv (toolchains pip, poetry and uv, through the Python toolchain package of the Go SDK),
// reports the resource plugins that installed Python packages declare, installs dependencies,
// generates Python SDKs from schemas and links them into programs. Running Python plugins and
// policy packs, program/project generation and Pack are not implemented. What does not depend on
// Python (the process, serving, cancellation, the shape of Run and of InstallDependencies) is in
// langhost.
package main

import "kubesecret.local/toolchain/langhost"

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	langhost.Main(langhost.Language{Name: "Python", Version: version, ValueFlags: hostValueFlags, NewRuntime: newRuntime})
}
