package main

import "kubesecret.local/toolchain/langhost"

// hostValueFlags are our value flags beyond those every host has (see langhost.ParseFlags). We
// read -runtime; older engines and tools have passed the others (-binary, -tsconfig, ...), which
// we ignore.
var hostValueFlags = []string{"runtime", "binary", "tsconfig", "nodeargs", "packagemanager"}

// runtimeFlag is the -runtime flag, "nodejs" if not given. Only "nodejs" is supported, as
// upstream without bun.
func runtimeFlag(flags langhost.Flags) string {
	if runtime, given := flags.HostValues["runtime"]; given {
		return runtime
	}
	return "nodejs"
}
