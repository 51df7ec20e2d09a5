// Package langhost is what our language hosts (pulumi-language-nodejs, -python and -go) share:
// the process around the LanguageRuntime service (command line, serving, engine health checks),
// the RPCs that do not depend on the language (Handshake, GetPluginInfo, Cancel, ...), the RPCs
// that every host answers alike around its language's steps (Run, InstallDependencies,
// GetProgramDependencies, GetRequiredPlugins), the plumbing of running a program (cancellation,
// exit codes, configuration, runtime options, the runner's command line), the rule that turns a
// package's pulumi-plugin.json into the plugin it needs, and writing generated SDKs.
//
// Upstream's hosts are not served by the Go module proxy, so we implement the service ourselves;
// each host keeps in its own module what depends on its language and its SDK (its Runtime).
// Package langhosttest has what the hosts' tests share.
package langhost
